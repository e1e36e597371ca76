/** The standard SDK configuration, pointed at a local SageMaker Runtime stand-in. Test files run in their own fork. */
export function useRuntimeStandIn(url: string): void {
  process.env.AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME = url;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLOCALTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'local-test-secret';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  delete process.env.AWS_PROFILE;
}
