#include <stddef.h>

#include "flatten.h"

extern const TSLanguage *tree_sitter_python(void);
extern TSParser *ts_parser_new(void);
extern void ts_parser_delete(TSParser *self);
extern bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
extern void ts_parser_set_timeout_micros(TSParser *self, uint64_t timeout_micros);
extern TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string, uint32_t length);
extern void ts_tree_delete(TSTree *self);
extern TSNode ts_tree_root_node(const TSTree *self);
extern TSTreeCursor ts_tree_cursor_new(TSNode node);
extern void ts_tree_cursor_delete(TSTreeCursor *self);
extern TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
extern uint16_t ts_tree_cursor_current_field_id(const TSTreeCursor *self);
extern bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
extern bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
extern bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
extern uint32_t ts_node_descendant_count(TSNode self);
extern uint16_t ts_node_symbol(TSNode self);
extern uint32_t ts_node_start_byte(TSNode self);
extern uint32_t ts_node_end_byte(TSNode self);
extern TSPoint ts_node_start_point(TSNode self);
extern TSPoint ts_node_end_point(TSNode self);
extern bool ts_node_is_named(TSNode self);
extern bool ts_node_is_missing(TSNode self);
extern bool ts_node_is_error(TSNode self);
extern bool ts_node_has_error(TSNode self);
extern bool ts_node_is_extra(TSNode self);
extern uint32_t ts_language_symbol_count(const TSLanguage *self);
extern const char *ts_language_symbol_name(const TSLanguage *self, uint16_t symbol);
extern uint32_t ts_language_field_count(const TSLanguage *self);
extern const char *ts_language_field_name_for_id(const TSLanguage *self, uint16_t id);

const TSLanguage *rl_language(void) { return tree_sitter_python(); }

// rl_parse parses src and sets *count to the number of nodes of the tree;
// it returns NULL when the parse timed out.
TSTree *rl_parse(const char *src, uint32_t len, uint64_t timeout_micros, uint32_t *count) {
	TSParser *p = ts_parser_new();
	ts_parser_set_language(p, tree_sitter_python());
	ts_parser_set_timeout_micros(p, timeout_micros);
	TSTree *t = ts_parser_parse_string(p, NULL, src, len);
	ts_parser_delete(p);
	*count = t ? ts_node_descendant_count(ts_tree_root_node(t)) : 0;
	return t;
}

// rl_fill writes the nodes of tree to out in preorder, in one cursor pass,
// and deletes the tree.
void rl_fill(TSTree *tree, rl_node *out, uint32_t count) {
	TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	uint32_t n = 0;
	int32_t parent = -1;
	while (n < count) {
		TSNode x = ts_tree_cursor_current_node(&c);
		TSPoint s = ts_node_start_point(x), e = ts_node_end_point(x);
		rl_node *r = &out[n];
		r->start_byte = ts_node_start_byte(x);
		r->end_byte = ts_node_end_byte(x);
		r->start_row = s.row;
		r->start_col = s.column;
		r->end_row = e.row;
		r->end_col = e.column;
		r->parent = parent;
		r->symbol = ts_node_symbol(x);
		r->field = ts_tree_cursor_current_field_id(&c);
		r->flags = (ts_node_is_named(x) ? RL_NAMED : 0) | (ts_node_is_missing(x) ? RL_MISSING : 0) |
			(ts_node_is_error(x) ? RL_ERROR : 0) | (ts_node_has_error(x) ? RL_HAS_ERROR : 0) |
			(ts_node_is_extra(x) ? RL_EXTRA : 0);
		int32_t self = (int32_t)n++;
		if (ts_tree_cursor_goto_first_child(&c)) {
			parent = self;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				goto done;
			}
			parent = out[parent].parent;
		}
	}
done:
	ts_tree_cursor_delete(&c);
	ts_tree_delete(tree);
}

uint32_t rl_symbol_count(void) { return ts_language_symbol_count(tree_sitter_python()); }
const char *rl_symbol_name(uint16_t sym) { return ts_language_symbol_name(tree_sitter_python(), sym); }
uint32_t rl_field_count(void) { return ts_language_field_count(tree_sitter_python()); }
const char *rl_field_name(uint16_t field) { return ts_language_field_name_for_id(tree_sitter_python(), field); }
