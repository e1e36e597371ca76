"""Extract the Apigee v1 subset the fake validates against from Google's discovery document.

Usage: python3 scripts/extract-apigee-model.py <apigee-v1.json>   (run from packages/test-support)
The discovery document is published at https://apigee.googleapis.com/$discovery/rest?version=v1 and copied into
googleapis/google-api-go-client (apigee/v1/apigee-api.json) and googleapis/google-api-nodejs-client
(discovery/apigee-v1.json). Writes src/apigee/model.json: the faked methods (HTTP method, path template, query
parameters, request and response schema) and every schema they reach, descriptions stripped.
"""
import json
import sys

METHODS = [
    'apigee.organizations.apis.create',
    'apigee.organizations.apis.get',
    'apigee.organizations.apis.delete',
    'apigee.organizations.apis.revisions.get',
    'apigee.organizations.apis.revisions.delete',
    'apigee.organizations.environments.apis.deployments.list',
    'apigee.organizations.environments.apis.revisions.deploy',
    'apigee.organizations.environments.apis.revisions.getDeployments',
    'apigee.organizations.environments.apis.revisions.undeploy',
    'apigee.organizations.environments.targetservers.create',
    'apigee.organizations.environments.targetservers.get',
    'apigee.organizations.environments.targetservers.update',
    'apigee.organizations.environments.targetservers.delete',
    'apigee.organizations.environments.keyvaluemaps.create',
    'apigee.organizations.environments.keyvaluemaps.delete',
    'apigee.organizations.environments.keyvaluemaps.entries.create',
    'apigee.organizations.environments.keyvaluemaps.entries.get',
    'apigee.organizations.environments.keyvaluemaps.entries.delete',
    'apigee.organizations.apiproducts.create',
    'apigee.organizations.apiproducts.get',
    'apigee.organizations.apiproducts.update',
    'apigee.organizations.apiproducts.delete',
    'apigee.organizations.developers.create',
    'apigee.organizations.developers.get',
    'apigee.organizations.developers.delete',
    'apigee.organizations.developers.apps.create',
    'apigee.organizations.developers.apps.get',
    'apigee.organizations.developers.apps.delete',
]
# Fields the current REST reference documents that this discovery revision predates (TargetServer TLS enforcement,
# GA in Apigee X since 2023); added so the fake accepts what the service accepts today.
PATCHES = {'GoogleCloudApigeeV1TlsInfo': {'enforce': {'type': 'boolean'}}}
KEEP = ('type', 'format', 'enum', '$ref', 'items', 'additionalProperties')


def methods(resource):
    for method in resource.get('methods', {}).values():
        yield method
    for child in resource.get('resources', {}).values():
        yield from methods(child)


def strip(prop):
    out = {k: v for k, v in prop.items() if k in KEEP}
    if 'items' in out:
        out['items'] = strip(out['items'])
    if isinstance(out.get('additionalProperties'), dict):
        out['additionalProperties'] = strip(out['additionalProperties'])
    return out


def refs(prop):
    if '$ref' in prop:
        yield prop['$ref']
    for key in ('items', 'additionalProperties'):
        if isinstance(prop.get(key), dict):
            yield from refs(prop[key])


def main(path):
    doc = json.load(open(path))
    found = {m['id']: m for m in methods(doc)}
    out_methods, pending = {}, []
    for mid in METHODS:
        m = found[mid]
        query = {k: strip(p) for k, p in m.get('parameters', {}).items() if p['location'] == 'query'}
        entry = {'httpMethod': m['httpMethod'], 'flatPath': m['flatPath'], 'query': query}
        for key in ('request', 'response'):
            if key in m:
                entry[key] = m[key]['$ref']
                pending.append(m[key]['$ref'])
        out_methods[mid] = entry
    schemas = {}
    while pending:
        name = pending.pop()
        if name in schemas:
            continue
        schema = doc['schemas'][name]
        props = {k: strip(p) for k, p in schema.get('properties', {}).items()}
        props.update(PATCHES.get(name, {}))
        schemas[name] = {'type': schema.get('type', 'object'), 'properties': props}
        for prop in props.values():
            pending.extend(refs(prop))
    model = {
        'source': {'id': doc['id'], 'revision': doc['revision'], 'rootUrl': doc['rootUrl']},
        'methods': out_methods,
        'schemas': dict(sorted(schemas.items())),
    }
    with open('src/apigee/model.json', 'w') as f:
        json.dump(model, f, indent=1, sort_keys=False)
        f.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
