#!/usr/bin/env bash
# Generates clients/customer_profiles and clients/access_profiles from ../../generated/*.openapi.yaml
# with OpenAPI Generator's `rust` generator (reqwest, async, reqwest-middleware for SigV4), the
# jar fetched from Maven Central by Maven at the version pinned here. The clients are committed, as
# generated code a crate depends on by path is; `npm run test:languages` fails if they go stale.
set -euo pipefail
cd "$(dirname "$0")"

version=7.25.0
jar="target/openapi-generator/openapi-generator-cli-$version.jar"
if [[ ! -f $jar ]]; then
  mvn --batch-mode --quiet dependency:copy \
    "-Dartifact=org.openapitools:openapi-generator-cli:$version" \
    -DoutputDirectory=target/openapi-generator
fi

for api in customer-profiles access-profiles; do
  crate=${api//-/_}
  rm -rf "clients/$crate"
  # info.version (2020-08-15, v3) is the API's, not a crate version: packageVersion gives one.
  java -jar "$jar" generate --generator-name rust \
    --input-spec "../../generated/$api.openapi.yaml" --output "clients/$crate" \
    --additional-properties "packageName=$crate,packageVersion=0.1.0,library=reqwest,supportAsync=true,supportMiddleware=true" \
    --global-property apiDocs=false,modelDocs=false \
    >/dev/null
  rm -rf "clients/$crate/.openapi-generator" "clients/$crate/git_push.sh" "clients/$crate/.travis.yml" \
    "clients/$crate/.gitignore" "clients/$crate/.openapi-generator-ignore"
done
