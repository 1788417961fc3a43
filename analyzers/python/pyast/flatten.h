// The part of tree-sitter's public C API (lib/include/tree_sitter/api.h of
// the runtime that github.com/smacker/go-tree-sitter compiles) that
// flatten.c uses. The runtime itself is linked from that module's package
// sitter, the Python grammar from its package python. TestMatchesBinding
// compares every node against the Go binding, so a layout that drifted in
// an upgrade fails the tests.
#ifndef RLCHECK_PYAST_FLATTEN_H
#define RLCHECK_PYAST_FLATTEN_H

#include <stdbool.h>
#include <stdint.h>

typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct TSLanguage TSLanguage;
typedef struct TSPoint {
	uint32_t row;
	uint32_t column;
} TSPoint;
typedef struct TSNode {
	uint32_t context[4];
	const void *id;
	const TSTree *tree;
} TSNode;
typedef struct TSTreeCursor {
	const void *tree;
	const void *id;
	uint32_t context[3];
} TSTreeCursor;

// rl_node is one node of the flattened tree, in preorder.
typedef struct rl_node {
	uint32_t start_byte, end_byte;
	uint32_t start_row, start_col, end_row, end_col;
	int32_t parent; // index of the parent, -1 for the root
	uint16_t symbol;
	uint16_t field; // field id in the parent, 0 for none
	uint8_t flags;
} rl_node;

enum {
	RL_NAMED = 1,
	RL_MISSING = 2,
	RL_ERROR = 4,
	RL_HAS_ERROR = 8,
	RL_EXTRA = 16,
};

const TSLanguage *rl_language(void);
TSTree *rl_parse(const char *src, uint32_t len, uint64_t timeout_micros, uint32_t *count);
void rl_fill(TSTree *tree, rl_node *out, uint32_t count);
uint32_t rl_symbol_count(void);
const char *rl_symbol_name(uint16_t sym);
uint32_t rl_field_count(void);
const char *rl_field_name(uint16_t field);

#endif
