/*
 * schema_meta.c - the JSON Schema metaschemas a values.schema.json is
 * checked against before Helm v4 uses it (santhosh-tekuri/jsonschema v6
 * roots.validate: the schema, as an instance, against its draft's
 * metaschema, formats asserted). Written here from the drafts'
 * specifications, in a form schema.c's own validator runs:
 *  - one document per draft: 2019-09's and 2020-12's vocabulary
 *    metaschemas sit under the (unknown, so inert) key "v" of the draft's
 *    document, reached by local $refs ("#/v/core") instead of by URL;
 *  - their $recursiveRef "#" (2019-09, every vocabulary a
 *    $recursiveAnchor) and $dynamicRef "#meta" (2020-12, every vocabulary
 *    a $dynamicAnchor "meta") always land on the outermost schema of the
 *    dynamic scope, the draft's document: here a $ref "#", which v6
 *    reports the same way (a Reference, shown only with its causes);
 *  - annotations (title, description, default, $comment, deprecated)
 *    are left out: they validate nothing.
 * The order of keywords and of allOf entries is the drafts' own: it is
 * the order of the errors.
 */
#include <stddef.h>
#include "schema_meta.h"

#define TYPES "[\"array\",\"boolean\",\"integer\",\"null\",\"number\",\"object\",\"string\"]"
#define OBJ_OR_BOOL "\"type\":[\"object\",\"boolean\"]"
#define SUB "{\"$ref\":\"#\"}"
#define MAP_OF_SUB "{\"type\":\"object\",\"additionalProperties\":" SUB "}"

/* draft-04: "positiveInteger" is what later drafts call nonNegativeInteger */
static const char draft4[] =
    "{\"definitions\":{"
      "\"schemaArray\":{\"type\":\"array\",\"minItems\":1,\"items\":" SUB "},"
      "\"nni\":{\"type\":\"integer\",\"minimum\":0},"
      "\"nni0\":{\"allOf\":[{\"$ref\":\"#/definitions/nni\"},{}]},"
      "\"simpleTypes\":{\"enum\":" TYPES "},"
      "\"stringArray\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1,\"uniqueItems\":true}},"
    "\"type\":\"object\","
    "\"properties\":{"
      "\"id\":{\"type\":\"string\"},"
      "\"$schema\":{\"type\":\"string\",\"format\":\"uri\"},"
      "\"title\":{\"type\":\"string\"},"
      "\"description\":{\"type\":\"string\"},"
      "\"default\":{},"
      "\"multipleOf\":{\"type\":\"number\",\"minimum\":0,\"exclusiveMinimum\":true},"
      "\"maximum\":{\"type\":\"number\"},"
      "\"exclusiveMaximum\":{\"type\":\"boolean\"},"
      "\"minimum\":{\"type\":\"number\"},"
      "\"exclusiveMinimum\":{\"type\":\"boolean\"},"
      "\"maxLength\":{\"$ref\":\"#/definitions/nni\"},"
      "\"minLength\":{\"$ref\":\"#/definitions/nni0\"},"
      "\"pattern\":{\"type\":\"string\",\"format\":\"regex\"},"
      "\"additionalItems\":{\"anyOf\":[{\"type\":\"boolean\"}," SUB "]},"
      "\"items\":{\"anyOf\":[" SUB ",{\"$ref\":\"#/definitions/schemaArray\"}]},"
      "\"maxItems\":{\"$ref\":\"#/definitions/nni\"},"
      "\"minItems\":{\"$ref\":\"#/definitions/nni0\"},"
      "\"uniqueItems\":{\"type\":\"boolean\"},"
      "\"maxProperties\":{\"$ref\":\"#/definitions/nni\"},"
      "\"minProperties\":{\"$ref\":\"#/definitions/nni0\"},"
      "\"required\":{\"$ref\":\"#/definitions/stringArray\"},"
      "\"additionalProperties\":{\"anyOf\":[{\"type\":\"boolean\"}," SUB "]},"
      "\"definitions\":" MAP_OF_SUB ","
      "\"properties\":" MAP_OF_SUB ","
      "\"patternProperties\":" MAP_OF_SUB ","
      "\"dependencies\":{\"type\":\"object\",\"additionalProperties\":{\"anyOf\":[" SUB ",{\"$ref\":\"#/definitions/stringArray\"}]}},"
      "\"enum\":{\"type\":\"array\",\"minItems\":1,\"uniqueItems\":true},"
      "\"type\":{\"anyOf\":[{\"$ref\":\"#/definitions/simpleTypes\"},"
        "{\"type\":\"array\",\"items\":{\"$ref\":\"#/definitions/simpleTypes\"},\"minItems\":1,\"uniqueItems\":true}]},"
      "\"allOf\":{\"$ref\":\"#/definitions/schemaArray\"},"
      "\"anyOf\":{\"$ref\":\"#/definitions/schemaArray\"},"
      "\"oneOf\":{\"$ref\":\"#/definitions/schemaArray\"},"
      "\"not\":" SUB ","
      "\"format\":{\"type\":\"string\"},"
      "\"$ref\":{\"type\":\"string\"}},"
    "\"dependencies\":{\"exclusiveMaximum\":[\"maximum\"],\"exclusiveMinimum\":[\"minimum\"]}}";

/* draft-06 and draft-07 share most of their keywords */
#define D67_DEFS \
    "\"definitions\":{" \
      "\"schemaArray\":{\"type\":\"array\",\"minItems\":1,\"items\":" SUB "}," \
      "\"nni\":{\"type\":\"integer\",\"minimum\":0}," \
      "\"nni0\":{\"allOf\":[{\"$ref\":\"#/definitions/nni\"},{}]}," \
      "\"simpleTypes\":{\"enum\":" TYPES "}," \
      "\"stringArray\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"uniqueItems\":true}},"
#define D67_NUMBERS \
      "\"multipleOf\":{\"type\":\"number\",\"exclusiveMinimum\":0}," \
      "\"maximum\":{\"type\":\"number\"}," \
      "\"exclusiveMaximum\":{\"type\":\"number\"}," \
      "\"minimum\":{\"type\":\"number\"}," \
      "\"exclusiveMinimum\":{\"type\":\"number\"}," \
      "\"maxLength\":{\"$ref\":\"#/definitions/nni\"}," \
      "\"minLength\":{\"$ref\":\"#/definitions/nni0\"}," \
      "\"pattern\":{\"type\":\"string\",\"format\":\"regex\"}," \
      "\"additionalItems\":" SUB "," \
      "\"items\":{\"anyOf\":[" SUB ",{\"$ref\":\"#/definitions/schemaArray\"}]}," \
      "\"maxItems\":{\"$ref\":\"#/definitions/nni\"}," \
      "\"minItems\":{\"$ref\":\"#/definitions/nni0\"}," \
      "\"uniqueItems\":{\"type\":\"boolean\"}," \
      "\"contains\":" SUB "," \
      "\"maxProperties\":{\"$ref\":\"#/definitions/nni\"}," \
      "\"minProperties\":{\"$ref\":\"#/definitions/nni0\"}," \
      "\"required\":{\"$ref\":\"#/definitions/stringArray\"}," \
      "\"additionalProperties\":" SUB "," \
      "\"definitions\":" MAP_OF_SUB "," \
      "\"properties\":" MAP_OF_SUB ","
#define D67_TYPE \
      "\"dependencies\":{\"type\":\"object\",\"additionalProperties\":{\"anyOf\":[" SUB ",{\"$ref\":\"#/definitions/stringArray\"}]}}," \
      "\"propertyNames\":" SUB "," \
      "\"type\":{\"anyOf\":[{\"$ref\":\"#/definitions/simpleTypes\"}," \
        "{\"type\":\"array\",\"items\":{\"$ref\":\"#/definitions/simpleTypes\"},\"minItems\":1,\"uniqueItems\":true}]}," \
      "\"format\":{\"type\":\"string\"},"
#define D67_TAIL \
      "\"allOf\":{\"$ref\":\"#/definitions/schemaArray\"}," \
      "\"anyOf\":{\"$ref\":\"#/definitions/schemaArray\"}," \
      "\"oneOf\":{\"$ref\":\"#/definitions/schemaArray\"}," \
      "\"not\":" SUB "}}"
#define D67_HEAD \
      "\"$id\":{\"type\":\"string\",\"format\":\"uri-reference\"}," \
      "\"$schema\":{\"type\":\"string\",\"format\":\"uri\"}," \
      "\"$ref\":{\"type\":\"string\",\"format\":\"uri-reference\"},"

static const char draft6[] =
    "{" D67_DEFS OBJ_OR_BOOL ",\"properties\":{" D67_HEAD
      "\"title\":{\"type\":\"string\"},"
      "\"description\":{\"type\":\"string\"},"
      "\"default\":{},"
      D67_NUMBERS
      "\"patternProperties\":" MAP_OF_SUB ","
      D67_TYPE
      "\"const\":{},"
      "\"enum\":{\"type\":\"array\",\"minItems\":1,\"uniqueItems\":true},"
      D67_TAIL;

static const char draft7[] =
    "{" D67_DEFS OBJ_OR_BOOL ",\"properties\":{" D67_HEAD
      "\"$comment\":{\"type\":\"string\"},"
      "\"title\":{\"type\":\"string\"},"
      "\"description\":{\"type\":\"string\"},"
      "\"default\":true,"
      "\"readOnly\":{\"type\":\"boolean\"},"
      "\"writeOnly\":{\"type\":\"boolean\"},"
      "\"examples\":{\"type\":\"array\",\"items\":true},"
      D67_NUMBERS
      "\"patternProperties\":{\"type\":\"object\",\"additionalProperties\":" SUB ",\"propertyNames\":{\"format\":\"regex\"}},"
      D67_TYPE
      "\"const\":true,"
      "\"enum\":{\"type\":\"array\",\"items\":true,\"minItems\":1,\"uniqueItems\":true},"
      "\"contentMediaType\":{\"type\":\"string\"},"
      "\"contentEncoding\":{\"type\":\"string\"},"
      "\"if\":" SUB ","
      "\"then\":" SUB ","
      "\"else\":" SUB ","
      D67_TAIL;

/* 2019-09 and 2020-12: the validation vocabulary (its $defs at #/v/validation) */
#define V_VALIDATION \
    "\"validation\":{" OBJ_OR_BOOL ",\"properties\":{" \
      "\"type\":{\"anyOf\":[{\"$ref\":\"#/v/validation/$defs/simpleTypes\"}," \
        "{\"type\":\"array\",\"items\":{\"$ref\":\"#/v/validation/$defs/simpleTypes\"},\"minItems\":1,\"uniqueItems\":true}]}," \
      "\"const\":true," \
      "\"enum\":{\"type\":\"array\",\"items\":true}," \
      "\"multipleOf\":{\"type\":\"number\",\"exclusiveMinimum\":0}," \
      "\"maximum\":{\"type\":\"number\"}," \
      "\"exclusiveMaximum\":{\"type\":\"number\"}," \
      "\"minimum\":{\"type\":\"number\"}," \
      "\"exclusiveMinimum\":{\"type\":\"number\"}," \
      "\"maxLength\":{\"$ref\":\"#/v/validation/$defs/nni\"}," \
      "\"minLength\":{\"$ref\":\"#/v/validation/$defs/nni0\"}," \
      "\"pattern\":{\"type\":\"string\",\"format\":\"regex\"}," \
      "\"maxItems\":{\"$ref\":\"#/v/validation/$defs/nni\"}," \
      "\"minItems\":{\"$ref\":\"#/v/validation/$defs/nni0\"}," \
      "\"uniqueItems\":{\"type\":\"boolean\"}," \
      "\"maxContains\":{\"$ref\":\"#/v/validation/$defs/nni\"}," \
      "\"minContains\":{\"$ref\":\"#/v/validation/$defs/nni\"}," \
      "\"maxProperties\":{\"$ref\":\"#/v/validation/$defs/nni\"}," \
      "\"minProperties\":{\"$ref\":\"#/v/validation/$defs/nni0\"}," \
      "\"required\":{\"$ref\":\"#/v/validation/$defs/stringArray\"}," \
      "\"dependentRequired\":{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#/v/validation/$defs/stringArray\"}}}," \
    "\"$defs\":{" \
      "\"nni\":{\"type\":\"integer\",\"minimum\":0}," \
      "\"nni0\":{\"$ref\":\"#/v/validation/$defs/nni\"}," \
      "\"simpleTypes\":{\"enum\":" TYPES "}," \
      "\"stringArray\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"uniqueItems\":true}}}"
#define V_METADATA \
    "\"meta-data\":{" OBJ_OR_BOOL ",\"properties\":{" \
      "\"title\":{\"type\":\"string\"}," \
      "\"description\":{\"type\":\"string\"}," \
      "\"default\":true," \
      "\"deprecated\":{\"type\":\"boolean\"}," \
      "\"readOnly\":{\"type\":\"boolean\"}," \
      "\"writeOnly\":{\"type\":\"boolean\"}," \
      "\"examples\":{\"type\":\"array\",\"items\":true}}}"
#define V_FORMAT(name) "\"" name "\":{" OBJ_OR_BOOL ",\"properties\":{\"format\":{\"type\":\"string\"}}}"
#define SCHEMA_ARRAY(voc) "{\"$ref\":\"#/v/" voc "/$defs/schemaArray\"}"
#define V_APPLICATOR_COMMON(voc) \
      "\"contains\":" SUB "," \
      "\"additionalProperties\":" SUB "," \
      "\"properties\":" MAP_OF_SUB "," \
      "\"patternProperties\":{\"type\":\"object\",\"additionalProperties\":" SUB ",\"propertyNames\":{\"format\":\"regex\"}}," \
      "\"dependentSchemas\":" MAP_OF_SUB "," \
      "\"propertyNames\":" SUB "," \
      "\"if\":" SUB "," \
      "\"then\":" SUB "," \
      "\"else\":" SUB "," \
      "\"allOf\":" SCHEMA_ARRAY(voc) "," \
      "\"anyOf\":" SCHEMA_ARRAY(voc) "," \
      "\"oneOf\":" SCHEMA_ARRAY(voc) "," \
      "\"not\":" SUB "}," \
    "\"$defs\":{\"schemaArray\":{\"type\":\"array\",\"minItems\":1,\"items\":" SUB "}}}"

static const char draft2019[] =
    "{\"allOf\":[{\"$ref\":\"#/v/core\"},{\"$ref\":\"#/v/applicator\"},{\"$ref\":\"#/v/validation\"},"
      "{\"$ref\":\"#/v/meta-data\"},{\"$ref\":\"#/v/format\"},{\"$ref\":\"#/v/content\"}],"
    OBJ_OR_BOOL ","
    "\"properties\":{"
      "\"definitions\":" MAP_OF_SUB ","
      "\"dependencies\":{\"type\":\"object\",\"additionalProperties\":{\"anyOf\":[" SUB ",{\"$ref\":\"#/v/validation/$defs/stringArray\"}]}}},"
    "\"v\":{"
      "\"core\":{" OBJ_OR_BOOL ",\"properties\":{"
        "\"$id\":{\"type\":\"string\",\"format\":\"uri-reference\",\"pattern\":\"^[^#]*#?$\"},"
        "\"$schema\":{\"type\":\"string\",\"format\":\"uri\"},"
        "\"$anchor\":{\"type\":\"string\",\"pattern\":\"^[A-Za-z][-A-Za-z0-9.:_]*$\"},"
        "\"$ref\":{\"type\":\"string\",\"format\":\"uri-reference\"},"
        "\"$recursiveRef\":{\"type\":\"string\",\"format\":\"uri-reference\"},"
        "\"$recursiveAnchor\":{\"type\":\"boolean\"},"
        "\"$vocabulary\":{\"type\":\"object\",\"propertyNames\":{\"type\":\"string\",\"format\":\"uri\"},"
          "\"additionalProperties\":{\"type\":\"boolean\"}},"
        "\"$comment\":{\"type\":\"string\"},"
        "\"$defs\":" MAP_OF_SUB "}},"
      "\"applicator\":{" OBJ_OR_BOOL ",\"properties\":{"
        "\"additionalItems\":" SUB ","
        "\"unevaluatedItems\":" SUB ","
        "\"items\":{\"anyOf\":[" SUB "," SCHEMA_ARRAY("applicator") "]},"
        "\"unevaluatedProperties\":" SUB ","
        V_APPLICATOR_COMMON("applicator") ","
      V_VALIDATION ","
      V_METADATA ","
      V_FORMAT("format") ","
      "\"content\":{" OBJ_OR_BOOL ",\"properties\":{"
        "\"contentMediaType\":{\"type\":\"string\"},"
        "\"contentEncoding\":{\"type\":\"string\"},"
        "\"contentSchema\":" SUB "}}}}";

static const char draft2020[] =
    "{\"allOf\":[{\"$ref\":\"#/v/core\"},{\"$ref\":\"#/v/applicator\"},{\"$ref\":\"#/v/unevaluated\"},"
      "{\"$ref\":\"#/v/validation\"},{\"$ref\":\"#/v/meta-data\"},{\"$ref\":\"#/v/format-annotation\"},"
      "{\"$ref\":\"#/v/content\"}],"
    OBJ_OR_BOOL ","
    "\"properties\":{"
      "\"definitions\":" MAP_OF_SUB ","
      "\"dependencies\":{\"type\":\"object\",\"additionalProperties\":{\"anyOf\":[" SUB ",{\"$ref\":\"#/v/validation/$defs/stringArray\"}]}},"
      "\"$recursiveAnchor\":{\"$ref\":\"#/v/core/$defs/anchorString\"},"
      "\"$recursiveRef\":{\"$ref\":\"#/v/core/$defs/uriReferenceString\"}},"
    "\"v\":{"
      "\"core\":{" OBJ_OR_BOOL ",\"properties\":{"
        "\"$id\":{\"$ref\":\"#/v/core/$defs/uriReferenceString\",\"pattern\":\"^[^#]*#?$\"},"
        "\"$schema\":{\"$ref\":\"#/v/core/$defs/uriString\"},"
        "\"$ref\":{\"$ref\":\"#/v/core/$defs/uriReferenceString\"},"
        "\"$anchor\":{\"$ref\":\"#/v/core/$defs/anchorString\"},"
        "\"$dynamicRef\":{\"$ref\":\"#/v/core/$defs/uriReferenceString\"},"
        "\"$dynamicAnchor\":{\"$ref\":\"#/v/core/$defs/anchorString\"},"
        "\"$vocabulary\":{\"type\":\"object\",\"propertyNames\":{\"$ref\":\"#/v/core/$defs/uriString\"},"
          "\"additionalProperties\":{\"type\":\"boolean\"}},"
        "\"$comment\":{\"type\":\"string\"},"
        "\"$defs\":" MAP_OF_SUB "},"
        "\"$defs\":{"
          "\"anchorString\":{\"type\":\"string\",\"pattern\":\"^[A-Za-z_][-A-Za-z0-9._]*$\"},"
          "\"uriString\":{\"type\":\"string\",\"format\":\"uri\"},"
          "\"uriReferenceString\":{\"type\":\"string\",\"format\":\"uri-reference\"}}},"
      "\"applicator\":{" OBJ_OR_BOOL ",\"properties\":{"
        "\"prefixItems\":" SCHEMA_ARRAY("applicator") ","
        "\"items\":" SUB ","
        V_APPLICATOR_COMMON("applicator") ","
      "\"unevaluated\":{" OBJ_OR_BOOL ",\"properties\":{"
        "\"unevaluatedItems\":" SUB ","
        "\"unevaluatedProperties\":" SUB "}},"
      V_VALIDATION ","
      V_METADATA ","
      V_FORMAT("format-annotation") ","
      "\"content\":{" OBJ_OR_BOOL ",\"properties\":{"
        "\"contentEncoding\":{\"type\":\"string\"},"
        "\"contentMediaType\":{\"type\":\"string\"},"
        "\"contentSchema\":" SUB "}}}}";

const char *sm_metaschema(int draft, const char **url)
{
    switch (draft) {
    case 4: *url = "http://json-schema.org/draft-04/schema#"; return draft4;
    case 6: *url = "http://json-schema.org/draft-06/schema#"; return draft6;
    case 7: *url = "http://json-schema.org/draft-07/schema#"; return draft7;
    case 2019: *url = "https://json-schema.org/draft/2019-09/schema#"; return draft2019;
    default: *url = "https://json-schema.org/draft/2020-12/schema#"; return draft2020;
    }
}
