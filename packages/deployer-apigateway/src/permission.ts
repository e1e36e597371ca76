import {
  AddPermissionCommand,
  GetPolicyCommand,
  type LambdaClient,
  RemovePermissionCommand,
} from '@aws-sdk/client-lambda';
import { orMissing } from './clients.js';
import { statementId } from './names.js';

/** The one statement on the alias's resource policy that lets this API invoke it. */
export interface InvokePermission {
  functionArn: string;
  sid: string;
  sourceArn: string;
}

/** Reads and changes the Lambda alias's resource policy; kept behind an interface so tests can swap the store. */
export interface PermissionStore {
  /** The source ARN of statement `sid` on `functionArn`'s policy, or undefined when there is none. */
  sourceArnOf(functionArn: string, sid: string): Promise<string | undefined>;
  add(permission: InvokePermission): Promise<void>;
  remove(functionArn: string, sid: string): Promise<void>;
}

/** `arn:aws:execute-api:<region>:<account>:<apiId>/*\/POST/*`: any stage, only POST, only this API. */
export function sourceArnFor(
  partition: string,
  region: string,
  accountId: string,
  restApiId: string,
): string {
  return `arn:${partition}:execute-api:${region}:${accountId}:${restApiId}/*/POST/*`;
}

export function desiredPermission(aliasArn: string, region: string, restApiId: string): InvokePermission {
  const [, partition, , , accountId] = aliasArn.split(':');
  return {
    functionArn: aliasArn,
    sid: statementId(restApiId),
    sourceArn: sourceArnFor(partition as string, region, accountId as string, restApiId),
  };
}

interface Statement {
  Sid?: string;
  Condition?: { ArnLike?: Record<string, string> };
}

export function lambdaPermissions(lambda: LambdaClient): PermissionStore {
  return {
    async sourceArnOf(functionArn, sid) {
      const policy = await orMissing(['ResourceNotFoundException'], () =>
        lambda.send(new GetPolicyCommand({ FunctionName: functionArn })),
      );
      if (!policy?.Policy) return undefined;
      const statements = (JSON.parse(policy.Policy) as { Statement?: Statement[] }).Statement ?? [];
      const statement = statements.find((s) => s.Sid === sid);
      if (!statement) return undefined;
      return statement.Condition?.ArnLike?.['AWS:SourceArn'] ?? '';
    },
    async add(permission) {
      await lambda.send(
        new AddPermissionCommand({
          FunctionName: permission.functionArn,
          StatementId: permission.sid,
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: permission.sourceArn,
        }),
      );
    },
    async remove(functionArn, sid) {
      await orMissing(['ResourceNotFoundException'], () =>
        lambda.send(new RemovePermissionCommand({ FunctionName: functionArn, StatementId: sid })),
      );
    },
  };
}
