#!/usr/bin/env python3
"""Regenerates the vendored CRD JSON schemas in this folder from the pinned releases' CRD YAML.

Sources (Go module zips from proxy.golang.org, which carry the same CRD files as the releases):
  go mod download -json github.com/kedacore/keda/v2@v2.21.0
  go mod download -json github.com/prometheus-operator/prometheus-operator@v0.85.0
  python3 test/static/schemas/vendor-crds.py KEDA_MODULE_DIR PROMETHEUS_OPERATOR_MODULE_DIR

Each file is the served storage version's openAPIV3Schema with descriptions dropped (size) and
`additionalProperties: false` on every object that lists its properties and does not preserve unknown
fields: the API server prunes unknown fields silently, so a misspelt field would otherwise pass.
Needs PyYAML (kubernetes-validate brings it: PYTHONPATH=.tools/k8s-validate).
"""
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = [
    ("keda", "v2.21.0", "config/crd/bases/keda.sh_scaledobjects.yaml", "keda.sh_v1alpha1_scaledobject.json"),
    ("keda", "v2.21.0", "config/crd/bases/keda.sh_triggerauthentications.yaml", "keda.sh_v1alpha1_triggerauthentication.json"),
    (
        "prometheus-operator",
        "v0.85.0",
        "example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml",
        "monitoring.coreos.com_v1_servicemonitor.json",
    ),
]


def tighten(node):
    if isinstance(node, dict):
        node.pop("description", None)
        for key, value in list(node.items()):
            if key in ("properties", "patternProperties"):
                for child in value.values():
                    tighten(child)
            elif isinstance(value, (dict, list)):
                tighten(value)
        if (
            node.get("type") == "object"
            and "properties" in node
            and "additionalProperties" not in node
            and not node.get("x-kubernetes-preserve-unknown-fields")
        ):
            node["additionalProperties"] = False
    elif isinstance(node, list):
        for child in node:
            tighten(child)


def main(keda_dir, promop_dir):
    roots = {"keda": keda_dir, "prometheus-operator": promop_dir}
    for project, version, path, out in SOURCES:
        with open(os.path.join(roots[project], path)) as f:
            crd = yaml.safe_load(f)
        served = [v for v in crd["spec"]["versions"] if v.get("served") and v.get("storage")][0]
        schema = served["schema"]["openAPIV3Schema"]
        tighten(schema)
        # kind/apiVersion/metadata are checked by the validator itself; metadata stays open here.
        schema["properties"]["metadata"] = {"type": "object"}
        schema["$comment"] = f"{project} {version} {path} ({served['name']}), tightened by vendor-crds.py"
        with open(os.path.join(HERE, out), "w") as f:
            json.dump(schema, f, separators=(",", ":"), sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
