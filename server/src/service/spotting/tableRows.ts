import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import { PREFIXED_STATUS_NAME, STATUS_NAME } from './names';
import { namedChildren } from './syntaxAdapter';

/** Fields of a table row that say the row states an expectation: `want`, `expected`, `wantErr`, `shouldRetry`. */
const EXPECTATION_FIELD = /^(want|wanted|expect|expected|exp|should)\w*$/i;

/**
 * A number written positionally in a row of a Go table whose element type is spelled out:
 *
 *     cases := []struct{ method string; status int; want bool }{ {"GET", 503, true}, ... }
 *
 * The row's n-th value fills the struct's n-th field; when that field is named like a status, so is the value.
 * A table with an expectation column (`want`, `expected`) is a test's table (`test-assert`); otherwise a `constant`.
 */
export function positionalRowRole(literal: Node): OccurrenceRole | undefined {
  const element = literal.parent;
  const row = element?.parent;
  if (element?.type !== 'literal_element' || row?.type !== 'literal_value') return undefined;
  const body = row.parent?.type === 'literal_element' ? row.parent.parent : undefined;
  const table = body?.type === 'literal_value' ? body.parent : undefined;
  if (table?.type !== 'composite_literal') return undefined;
  const fields = structFields(table.childForFieldName('type'));
  const values = namedChildren(row);
  if (!fields || values.some((v) => v.type !== 'literal_element') || values.length !== fields.length) return undefined;
  const field = fields[values.findIndex((v) => v.id === element.id)];
  if (!field || !(STATUS_NAME.test(field) || PREFIXED_STATUS_NAME.test(field))) return undefined;
  return fields.some((f) => EXPECTATION_FIELD.test(f)) || /^(want|expect)/i.test(field) ? 'test-assert' : 'constant';
}

/** The field names of `[]struct{ a, b int; c string }` in order, or undefined for any other type. */
function structFields(type: Node | null): string[] | undefined {
  const element = type?.type === 'slice_type' || type?.type === 'array_type' ? type.childForFieldName('element') : undefined;
  if (element?.type !== 'struct_type') return undefined;
  const list = namedChildren(element).find((c) => c.type === 'field_declaration_list');
  if (!list) return undefined;
  const names: string[] = [];
  for (const declaration of namedChildren(list)) {
    if (declaration.type !== 'field_declaration') continue;
    const declared = declaration.childrenForFieldName('name').filter((n): n is Node => n !== null);
    // An embedded field takes one position under its type's name.
    if (declared.length === 0) names.push(declaration.childForFieldName('type')?.text ?? '');
    else for (const n of declared) names.push(n.text);
  }
  return names;
}
