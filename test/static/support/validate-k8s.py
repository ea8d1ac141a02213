#!/usr/bin/env python3
"""Validates a stream of rendered Kubernetes objects (YAML on stdin) against JSON schemas.

Built-in kinds: kubernetes-validate's schemas for KUBERNETES_VERSION, strict (unknown fields fail).
Custom resources: the vendored CRD schemas in test/static/schemas (see vendor-crds.py there).
Prints one JSON array: [{"object": "Kind/name", "errors": ["..."]}] with an entry per object.
Run with PYTHONPATH=$KS_TOOLS_DIR/k8s-validate (scripts/install-k8s-tools.sh installs it there).
"""
import json
import os
import sys

import jsonschema
import kubernetes_validate
import yaml

KUBERNETES_VERSION = sys.argv[1] if len(sys.argv) > 1 else "1.33.0"
SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas")
CRDS = {
    ("keda.sh/v1alpha1", "ScaledObject"): "keda.sh_v1alpha1_scaledobject.json",
    ("keda.sh/v1alpha1", "TriggerAuthentication"): "keda.sh_v1alpha1_triggerauthentication.json",
    ("monitoring.coreos.com/v1", "ServiceMonitor"): "monitoring.coreos.com_v1_servicemonitor.json",
}


def crd_errors(obj, schema_file):
    with open(os.path.join(SCHEMAS, schema_file)) as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(obj)]
    if not isinstance(obj.get("metadata", {}).get("name"), str):
        errors.append("metadata.name: missing")
    return errors


def builtin_errors(obj):
    try:
        kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
        return []
    except kubernetes_validate.ValidationError as e:
        return [f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}"]
    except (kubernetes_validate.SchemaNotFoundError, kubernetes_validate.InvalidSchemaError) as e:
        return [f"no schema: {e}"]


def main():
    out = []
    for obj in yaml.safe_load_all(sys.stdin):
        if obj is None:
            continue
        key = (obj.get("apiVersion"), obj.get("kind"))
        name = f"{obj.get('kind')}/{obj.get('metadata', {}).get('name')}"
        errors = crd_errors(obj, CRDS[key]) if key in CRDS else builtin_errors(obj)
        out.append({"object": name, "errors": errors})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
