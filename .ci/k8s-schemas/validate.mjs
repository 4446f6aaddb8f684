// Validates Kubernetes manifests (the output of `kubectl kustomize <overlay>`, one or more files) against the JSON
// schemas of the Kubernetes API (kubernetes-models, generated from the API's OpenAPI document) and of the Prometheus
// Operator's CRDs (@kubernetes-models/prometheus-operator). kubeconform would need its schemas from GitHub, which CI
// cannot reach; these packages bundle them. Kinds without a schema package here (Strimzi's KafkaTopic,
// CloudNativePG's Cluster) are listed as not validated: KubernetesHardeningTest (system-tests) checks their structure.
//
//   node validate.mjs rendered-production.yaml ...     exit 1 on any invalid document or unknown built-in kind
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const CRD_PACKAGES = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};
const WITHOUT_SCHEMA = new Set(["kafka.strimzi.io", "postgresql.cnpg.io"]);

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (WITHOUT_SCHEMA.has(group)) {
    return null;
  }
  const pkg = CRD_PACKAGES[group];
  const module = pkg ? `${pkg}/${group}/${version}/${kind}` : `kubernetes-models/${group ? group + "/" : ""}${version}/${kind}`;
  const loaded = await import(module); // throws for an apiVersion/kind the API does not have
  return loaded[kind];
}

let failures = 0;
let validated = 0;
const skipped = [];
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(readFileSync(file, "utf8"))) {
    if (!doc) continue;
    const name = `${file}: ${doc.apiVersion} ${doc.kind} ${doc.metadata?.name}`;
    let Model;
    try {
      Model = await modelFor(doc.apiVersion ?? "", doc.kind ?? "");
    } catch (e) {
      console.error(`INVALID ${name}: no such apiVersion/kind in the Kubernetes API (${e.code ?? e.message})`);
      failures++;
      continue;
    }
    if (Model === null) {
      skipped.push(name);
      continue;
    }
    try {
      new Model(doc).validate();
      validated++;
    } catch (e) {
      console.error(`INVALID ${name}: ${e.message}`);
      failures++;
    }
  }
}
for (const name of skipped) console.log(`not validated (no schema package; structural test in KubernetesHardeningTest): ${name}`);
console.log(`${validated} documents valid, ${failures} invalid, ${skipped.length} without schema`);
process.exit(failures === 0 && validated > 0 ? 0 : 1);
