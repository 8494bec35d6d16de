/*
 * tmpl.h - Go text/template: parse tree, template set, execution.
 * Mirrors go src/text/template/parse/{lex,parse,node}.go (tmpl_lex.c,
 * tmpl_parse.c) and src/text/template/{exec,funcs}.go (tmpl_exec.c), as
 * configured by helm v4.1.4 pkg/engine/engine.go (missingkey=zero,
 * `<no value>` removal, include/tpl/required/fail).
 */
#ifndef CHARTC_TMPL_H
#define CHARTC_TMPL_H
#include "func.h"
#include "value.h"

/* Node kinds, in Go's order (parse.NodeType). */
#define CC_NODES(X) \
    X(N_TEXT) X(N_ACTION) X(N_BOOL) X(N_CHAIN) X(N_COMMAND) X(N_DOT) X(N_FIELD) \
    X(N_IDENT) X(N_IF) X(N_LIST) X(N_NIL) X(N_NUMBER) X(N_PIPE) X(N_RANGE) \
    X(N_STRING) X(N_TEMPLATE) X(N_VAR) X(N_WITH) X(N_COMMENT) X(N_BREAK) X(N_CONTINUE)
enum NodeType {
#define X(e) e,
    CC_NODES(X)
#undef X
};

typedef struct Tree Tree;
typedef struct Node Node;

/* One name of a field chain (.a.b, $x.a, (x).a): its length in the
 * source and its map_hash, computed once when the template is parsed. */
typedef struct NodeId { uint32_t len, hash; } NodeId;

/* A parse-tree node. Each is allocated with room for its own kind's
 * payload only (NODE_SIZE), its children or names right after it: never
 * copy a Node by value, nor touch another kind's fields. Texts, comments,
 * string literals and field names point into the template source
 * (Tree.src), which lives as long as the tree. A node does not know its
 * tree: whoever holds a node for later (an error's location, a
 * {{template}} call in progress) keeps the tree with it (ExecAt). */
struct Node {
    uint8_t type;      /* enum NodeType */
    uint8_t scratch;   /* N_RANGE: 0 not known yet, else 1 + what its body lets
                          outlive an iteration (ESC_* in tmpl_exec.c) */
    uint8_t is_assign; /* N_PIPE: `=` rather than `:=` */
    uint32_t pos;      /* byte offset of the node in its tree's src (Go Pos) */
    union {
        struct { Node **items; int n; } list;                 /* N_LIST */
        struct { const char *s; size_t n; } text;             /* N_TEXT (in the source) */
        struct { Node *pipe; } action;                        /* N_ACTION */
        struct {                                              /* N_PIPE */
            Node **decl; Node **cmds;  /* N_VAR nodes, N_COMMAND nodes */
            int ndecl, ncmds;
        } pipe;
        struct { Node **args; int n; } cmd;                   /* N_COMMAND */
        struct { const FuncDef *fn; } ident;                  /* N_IDENT: fn->name */
        /* N_VAR: "$x","f","g"; N_FIELD: "a","b" for .a.b. The names are
         * n runs of the source from s, one byte ('.') apart. */
        struct { const char *s; const NodeId *ids; int n; } var, field;
        struct { const char *s; const NodeId *ids; int n; Node *node; } chain; /* N_CHAIN: (x).a.b */
        struct { int val; } boolean;                          /* N_BOOL */
        struct {                                              /* N_NUMBER */
            uint8_t is_int, is_uint, is_float, is_complex;
            int64_t i; uint64_t u; double f; double imag;
            const char *text;
        } num;
        /* N_STRING: the value (NUL-terminated), and the literal as
         * written (qlen bytes of the source) */
        struct { const char *s; const char *quoted; uint32_t n, qlen; } str;
        struct { Node *pipe; Node *list; Node *else_list; } branch;  /* N_IF/N_RANGE/N_WITH */
        struct { const char *name; Node *pipe; } tmpl;        /* N_TEMPLATE (pipe may be NULL) */
        struct { const char *s; size_t n; } comment;          /* N_COMMENT (in the source) */
    } u;
};

/* Bytes of a node whose payload is u.m */
#define NODE_SIZE(m) (offsetof(Node, u) + sizeof(((Node *)0)->u.m))

/* One parsed template: a file or a {{define}}. */
struct Tree {
    const char *name;       /* template name: file path or define name */
    const char *parse_name; /* file the text came from (for error locations) */
    const char *src;        /* whole source text of that file */
    size_t srclen;
    Node *root;             /* N_LIST */
};

/* Go's ErrorContext: "file:line:col" of node n of tree t (col = 0-based
 * byte offset). */
const char *node_location(const Tree *t, const Node *n, int *line, int *col);
/* Go's Node.String() (canonical re-printing, used in "at <...>"). */
void node_format(Buf *b, const Node *n);

/* A set of named templates sharing one namespace (Go's common/tmpl map). */
typedef struct TSet TSet;
TSet *tset_new(void);
TSet *tset_clone(const TSet *ts);          /* for tpl: defines added later stay local */
Tree *tset_lookup(const TSet *ts, const char *name);
void tset_add(TSet *ts, Tree *t);          /* replaces unless t is empty and an old non-empty exists */
/* tset_add of every template of src (the trees parsed from one file, so
 * names are unique): merging files' sets in parse order gives the set
 * parsing them in that order gives. */
void tset_merge(TSet *dst, const TSet *src);

/* Parse `text` as template `name` (whose file is `name` too) into ts:
 * the file's tree plus every {{define}}/{{block}} in it.
 * Returns NULL or Go's error text, e.g.
 * "template: c/templates/t.yaml:2: unclosed action started at c/templates/t.yaml:1".
 * The trees keep a copy of text. */
const char *tmpl_parse(TSet *ts, const char *name, const char *text, size_t len);
/* The same without the copy: text must outlive the trees (a chart file's
 * data for the whole render) and have a NUL at text[len]. */
const char *tmpl_parse_shared(TSet *ts, const char *name, const char *text, size_t len);

/* Execution errors. Kept structured so Helm v3 (one line) and v4
 * (reformatExecErrorMsg, multi-line) texts can both be produced. */
typedef struct TmplError TmplError;
/* Execute template `name` of ts with dot `data`, writing into out.
 * Returns NULL on success, else the error. */
TmplError *tmpl_exec(TSet *ts, const char *name, Value data, Buf *out);
/* The text Helm prints after "Error: " for this error (v3 or v4 form per
 * cc_helm_major), without the "Use --debug" suffix. */
const char *tmpl_error_text(const TmplError *e);
/* 1 if the error comes from required/fail (no --debug suffix difference but
 * the "execution error at" form). */
int tmpl_error_is_user(const TmplError *e);

#endif
