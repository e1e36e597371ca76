"""Extract the API-model subset the fakes validate against from botocore's service models.

Usage: python3 scripts/extract-models.py   (needs `pip install botocore`; run from packages/test-support)
Writes src/models/<service>.json with the faked operations and every shape they reach, documentation stripped.
"""
import gzip
import json
import os

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
    'cognito': ('cognito-idp/2016-04-18', [
        'CreateUserPool', 'DescribeUserPool', 'ListUserPools', 'DeleteUserPool',
        'TagResource', 'UntagResource', 'ListTagsForResource',
        'CreateResourceServer', 'DescribeResourceServer', 'UpdateResourceServer', 'DeleteResourceServer',
        'CreateUserPoolClient', 'DescribeUserPoolClient', 'UpdateUserPoolClient', 'DeleteUserPoolClient',
        'ListUserPoolClients',
        'CreateUserPoolDomain', 'DescribeUserPoolDomain', 'DeleteUserPoolDomain',
    ]),
}
KEEP = ('type', 'required', 'enum', 'min', 'max', 'pattern', 'timestampFormat', 'exception', 'error')


def load(path):
    base = os.path.join(os.path.dirname(botocore.__file__), 'data', path, 'service-2.json')
    if os.path.exists(base):
        return json.load(open(base))
    return json.load(gzip.open(base + '.gz'))


def extract(path, operations):
    model = load(path)
    shapes, out_shapes, ops = model['shapes'], {}, {}

    def visit(name):
        if name in out_shapes:
            return
        shape = shapes[name]
        slim = {k: v for k, v in shape.items() if k in KEEP}
        out_shapes[name] = slim
        if shape['type'] == 'structure':
            slim['members'] = {m: {'shape': v['shape']} for m, v in shape['members'].items()}
            for v in shape['members'].values():
                visit(v['shape'])
        for ref in ('member', 'key', 'value'):
            if ref in shape:
                slim[ref] = shape[ref]['shape']
                visit(shape[ref]['shape'])

    for op in operations:
        o = model['operations'][op]
        ops[op] = {k: o[k]['shape'] for k in ('input', 'output') if k in o}
        ops[op]['errors'] = [e['shape'] for e in o.get('errors', [])]
        for ref in [o.get('input'), o.get('output'), *o.get('errors', [])]:
            if ref:
                visit(ref['shape'])
    meta = {k: model['metadata'][k] for k in ('apiVersion', 'targetPrefix', 'jsonVersion', 'protocol')}
    meta['botocoreVersion'] = botocore.__version__
    return {'metadata': meta, 'operations': ops, 'shapes': dict(sorted(out_shapes.items()))}


if __name__ == '__main__':
    here = os.path.dirname(os.path.abspath(__file__))
    for service, (path, operations) in SERVICES.items():
        target = os.path.join(here, '..', 'src', 'models', service + '.json')
        with open(target, 'w') as f:
            json.dump(extract(path, operations), f, indent=1, sort_keys=False)
            f.write('\n')
        print(target, os.path.getsize(target))
