"""Extract the API-model subset the fakes serve from botocore's service models.

Usage: python3 scripts/extract-models.py   (needs `pip install botocore`; run from packages/test-support)
Writes src/models/<service>.json with the faked operations and every shape they reach, documentation stripped,
keeping what the protocol layer needs (http bindings, locations, wire names, XML traits, error traits).
"""
import gzip
import json
import os
import sys

import botocore

SERVICES = {
    'sagemaker': ('sagemaker/2017-07-24', [
        'CreateModel', 'DescribeModel', 'DeleteModel', 'ListModels',
        'CreateEndpointConfig', 'DescribeEndpointConfig', 'DeleteEndpointConfig', 'ListEndpointConfigs',
        'CreateEndpoint', 'DescribeEndpoint', 'UpdateEndpoint', 'DeleteEndpoint', 'ListEndpoints',
        'AddTags', 'ListTags', 'DeleteTags',
    ]),
    'ecr': ('ecr/2015-09-21', ['DescribeImages', 'DescribeRepositories']),
    'autoscaling': ('application-autoscaling/2016-02-06', [
        'RegisterScalableTarget', 'DescribeScalableTargets', 'DeregisterScalableTarget',
        'PutScalingPolicy', 'DescribeScalingPolicies', 'DeleteScalingPolicy',
    ]),
    'lambda': ('lambda/2015-03-31', [
        'CreateFunction', 'GetFunction', 'GetFunctionConfiguration', 'UpdateFunctionCode',
        'UpdateFunctionConfiguration', 'PublishVersion', 'ListVersionsByFunction', 'DeleteFunction',
        'CreateAlias', 'GetAlias', 'UpdateAlias', 'DeleteAlias', 'AddPermission', 'RemovePermission', 'GetPolicy',
        'CreateFunctionUrlConfig', 'GetFunctionUrlConfig', 'UpdateFunctionUrlConfig', 'DeleteFunctionUrlConfig',
        'TagResource', 'ListTags', 'UntagResource', 'ListAliases', 'PutFunctionConcurrency',
        'GetFunctionConcurrency', 'DeleteFunctionConcurrency',
    ]),
    'iam': ('iam/2010-05-08', [
        'CreateRole', 'GetRole', 'DeleteRole', 'PutRolePolicy', 'GetRolePolicy', 'DeleteRolePolicy',
        'ListRolePolicies', 'AttachRolePolicy', 'DetachRolePolicy', 'ListAttachedRolePolicies', 'TagRole',
        'ListRoleTags', 'SimulatePrincipalPolicy',
    ]),
    'elasticache': ('elasticache/2015-02-02', [
        'CreateServerlessCache', 'DescribeServerlessCaches', 'DeleteServerlessCache', 'ModifyServerlessCache',
        'AddTagsToResource', 'ListTagsForResource',
    ]),
    'sts': ('sts/2011-06-15', ['GetCallerIdentity']),
    'apigateway': ('apigateway/2015-07-09', [
        'CreateRestApi', 'GetRestApi', 'GetRestApis', 'DeleteRestApi', 'UpdateRestApi', 'GetResources',
        'CreateResource', 'DeleteResource', 'PutMethod', 'GetMethod', 'DeleteMethod', 'PutIntegration',
        'GetIntegration', 'PutMethodResponse', 'PutIntegrationResponse', 'CreateAuthorizer', 'GetAuthorizers',
        'UpdateAuthorizer', 'DeleteAuthorizer', 'CreateDeployment', 'GetDeployment', 'GetDeployments',
        'CreateStage', 'GetStage', 'UpdateStage', 'DeleteStage', 'CreateUsagePlan', 'GetUsagePlans',
        'GetUsagePlan', 'UpdateUsagePlan', 'DeleteUsagePlan', 'CreateApiKey', 'GetApiKey', 'GetApiKeys',
        'DeleteApiKey', 'CreateUsagePlanKey', 'GetUsagePlanKeys', 'DeleteUsagePlanKey', 'PutGatewayResponse',
        'GetGatewayResponses', 'TagResource', 'GetTags', 'UntagResource', 'PutRestApi', 'UpdateApiKey',
    ]),
    'cognito-idp': ('cognito-idp/2016-04-18', [
        'CreateUserPool', 'DescribeUserPool', 'ListUserPools', 'DeleteUserPool', 'CreateResourceServer',
        'DescribeResourceServer', 'UpdateResourceServer', 'DeleteResourceServer', 'CreateUserPoolClient',
        'DescribeUserPoolClient', 'ListUserPoolClients', 'UpdateUserPoolClient', 'DeleteUserPoolClient',
        'CreateUserPoolDomain', 'DescribeUserPoolDomain', 'DeleteUserPoolDomain', 'TagResource',
        'ListTagsForResource', 'UntagResource',
    ]),
    'sagemaker-runtime': ('sagemaker-runtime/2017-05-13', ['InvokeEndpoint']),
    'service-quotas': ('service-quotas/2019-06-24', [
        'ListAWSDefaultServiceQuotas',
        'ListServiceQuotas', 'GetServiceQuota', 'GetAWSDefaultServiceQuota', 'RequestServiceQuotaIncrease',
    ]),
    'logs': ('logs/2014-03-28', [
        'CreateLogGroup', 'DescribeLogGroups', 'DeleteLogGroup', 'PutRetentionPolicy', 'FilterLogEvents',
        'DescribeLogStreams', 'TagResource', 'ListTagsForResource',
    ]),
    'cloudwatch': ('cloudwatch/2010-08-01', [
        'PutMetricAlarm', 'DescribeAlarms', 'DeleteAlarms', 'PutDashboard', 'GetDashboard', 'DeleteDashboards',
        'ListDashboards', 'TagResource', 'ListTagsForResource',
    ]),
    's3': ('s3/2006-03-01', [
        'CreateBucket', 'HeadBucket', 'DeleteBucket', 'PutBucketEncryption', 'PutPublicAccessBlock',
        'PutBucketLifecycleConfiguration', 'PutBucketTagging', 'GetBucketTagging', 'ListObjectsV2',
    ]),
}

# botocore lists several protocols for some services; the fakes serve the one the installed JS SDK v3 client
# sends. @aws-sdk/client-cloudwatch sends awsJson1_0 (with awsQueryCompatible error codes), not rpc-v2-cbor.
PROTOCOL = {'cloudwatch': 'json'}

DROP = {'documentation', 'deprecated', 'deprecatedMessage', 'contextParam', 'box', 'sensitive', 'synthetic'}
META = ('apiVersion', 'protocol', 'targetPrefix', 'jsonVersion', 'signingName', 'endpointPrefix', 'serviceId',
        'xmlNamespace', 'awsQueryCompatible', 'globalEndpoint')


def load(path):
    base = os.path.join(os.path.dirname(botocore.__file__), 'data', path, 'service-2.json')
    if os.path.exists(base):
        return json.load(open(base))
    return json.load(gzip.open(base + '.gz'))


def slim(ref):
    return {k: v for k, v in ref.items() if k not in DROP}


def extract(service, path, operations):
    model = load(path)
    shapes, out_shapes, ops = model['shapes'], {}, {}

    def visit(name):
        if name in out_shapes:
            return
        shape = shapes[name]
        out = {k: v for k, v in shape.items() if k not in DROP and k not in ('members', 'member', 'key', 'value')}
        out_shapes[name] = out
        if shape['type'] == 'structure':
            out['members'] = {m: slim(v) for m, v in shape['members'].items()}
            for v in shape['members'].values():
                visit(v['shape'])
        for ref in ('member', 'key', 'value'):
            if ref in shape:
                out[ref] = shape[ref]['shape']
                extra = slim(shape[ref])
                del extra['shape']
                if extra:
                    out[ref + 'Traits'] = extra
                visit(shape[ref]['shape'])

    for op in operations:
        o = model['operations'][op]
        ops[op] = {'http': o.get('http', {'method': 'POST', 'requestUri': '/'})}
        for k in ('input', 'output'):
            if k in o:
                ops[op][k] = o[k]['shape']
        if 'resultWrapper' in o.get('output', {}):
            ops[op]['resultWrapper'] = o['output']['resultWrapper']
        ops[op]['errors'] = [e['shape'] for e in o.get('errors', [])]
        for ref in [o.get('input'), o.get('output'), *o.get('errors', [])]:
            if ref:
                visit(ref['shape'])
    meta = {k: model['metadata'][k] for k in META if k in model['metadata']}
    meta['protocol'] = PROTOCOL.get(service, meta['protocol'])
    meta['botocoreVersion'] = botocore.__version__
    return {'metadata': meta, 'operations': ops, 'shapes': dict(sorted(out_shapes.items()))}


if __name__ == '__main__':
    here = os.path.dirname(os.path.abspath(__file__))
    only = sys.argv[1:]
    for service, (path, operations) in SERVICES.items():
        if only and service not in only:
            continue
        target = os.path.join(here, '..', 'src', 'models', service + '.json')
        with open(target, 'w') as f:
            json.dump(extract(service, path, operations), f, indent=1, sort_keys=False)
            f.write('\n')
        print(target, os.path.getsize(target))
