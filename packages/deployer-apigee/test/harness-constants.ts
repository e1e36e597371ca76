export const FUNCTION_URL = 'https://abcdefghijklmnop.lambda-url.us-east-1.on.aws/';
export const ORIGIN_SECRET = 'b3JpZ2luLXNlY3JldC1mb3ItdGVzdHMtb25seS0zMmJ5dGVz';
