# Merges the four services' OpenAPI documents into the one the gateway serves at /openapi.
# Usage: jq -s --arg server URL --argjson services '["directory",...]' -f merge-openapi.jq <documents in that order>
# Paths are globally unique by design, so paths are a plain union and a path declared by two services
# is an error. Component schemas that two services name alike but define differently are kept apart
# by prefixing them with the service name (and rewriting that service's $refs); identical ones are shared.
# Every operationId (what generated clients name their methods after) must be unique across the four documents.

def union(objects; what):
  reduce (objects | to_entries[]) as $e ({};
    if has($e.key) and .[$e.key] != $e.value
    then error("OpenAPI merge conflict: \(what) '\($e.key)' is declared by two services")
    else .[$e.key] = $e.value end);

def capitalised: (.[0:1] | ascii_upcase) + .[1:];

# Schema names defined differently by at least two documents.
def conflicting_schemas:
  [ .[] | (.components.schemas // {}) | to_entries[] ]
  | group_by(.key)
  | map(select((map(.value) | unique | length) > 1) | .[0].key);

# Fails when two operations (of one service or of two) declare the same operationId, naming both.
def unique_operation_ids:
  ([ .[] | (.paths // {}) | to_entries[] | .key as $path | .value | to_entries[]
     | select(.value | type == "object" and has("operationId"))
     | { id: .value.operationId, where: "\(.key | ascii_upcase) \($path)" } ]
   | group_by(.id) | map(select(length > 1))) as $dups
  | if ($dups | length) > 0
    then error("OpenAPI merge conflict: " + ($dups | map("operationId '\(.[0].id)' is declared by \(map(.where) | join(" and "))") | join("; ")))
    else . end;

. as $docs
| ($docs | unique_operation_ids | conflicting_schemas) as $clashes
| [ range(0; $docs | length) as $i
    | ($services[$i] | capitalised) as $prefix
    | $docs[$i]
    | reduce $clashes[] as $name (.;
        if (.components.schemas // {}) | has($name) then
          .components.schemas[$prefix + $name] = .components.schemas[$name]
          | del(.components.schemas[$name])
          | walk(if type == "object" and .["$ref"] == "#/components/schemas/\($name)"
                 then .["$ref"] = "#/components/schemas/\($prefix + $name)" else . end)
        else . end) ]
| . as $renamed
| {
    openapi: $renamed[0].openapi,
    info: {
      title: "Maillage API",
      version: $renamed[0].info.version,
      description: "Une seule API pour trouver, réserver et partager l'aide au numérique entre communes rurales : annuaire des lieux (directory), offres et séances (offers), créneaux et réservations (booking), confirmations et rappels (notification)."
    },
    servers: [ { url: $server, description: "Maillage API gateway" } ],
    tags: ([ $renamed[] | (.tags // [])[] ] | unique_by(.name)),
    paths: union($renamed[] | (.paths // {}); "path"),
    components: (
      [ $renamed[] | (.components // {}) | keys[] ] | unique
      | map(. as $section | { key: $section, value: union($renamed[] | (.components[$section] // {}); "component \($section)") })
      | from_entries)
  }
