/*
 * schema_meta.h - the JSON Schema metaschemas Helm v4 checks a
 * values.schema.json against (src/schema_meta.c).
 */
#ifndef CHARTC_SCHEMA_META_H
#define CHARTC_SCHEMA_META_H

/* The metaschema of draft 4, 6, 7, 2019 or 2020 (anything else: 2020) as
 * one JSON document; *url set to its location as v6 prints it. */
const char *sm_metaschema(int draft, const char **url);

#endif
