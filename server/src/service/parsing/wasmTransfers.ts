import { nodeHandleNamed, treeSitter } from './webTreeSitter';

/**
 * Cheaper crossings between web-tree-sitter's JavaScript and its wasm (docs/performance.md).
 *
 * Every node read (`type`, `parent`, `childForFieldName`…) first copies the node's five 32-bit words into
 * wasm memory and most read results back, each word through the Emscripten module's generic
 * `setValue(ptr, value, 'i32')` / `getValue(ptr, 'i32')`: a call on a module object with hundreds of
 * properties, a test of the type name and a DataView access. Those two helpers are the module's own
 * properties (the object handed to `Parser.init` becomes the module), so they are replaced by typed-array
 * reads and writes for 'i32' — the same little-endian words on a little-endian host, the only one this is
 * done on. Node getters that return a number, flag or type name (no new node) write the node straight
 * into the transfer buffer instead of going through `setValue` five times.
 *
 * Nothing changes in what the calls return; nodes are still built by web-tree-sitter. Getters that
 * create nodes are left alone: nodes built here would have another hidden class than the library's,
 * and every property read in the analysis would then see two (measured slower).
 */
type Module = Record<string, unknown> & { HEAP32: Int32Array };
type WasmFn = (...args: number[]) => number;

let applied = false;

/** Whether the faster transfers are in place in this process (for tests). */
export function transfersSpeededUp(): boolean {
  return applied;
}

/** Applies the faster transfers once per process, to the module `Parser.init` built from `options`. */
export function speedUpTransfers(options: Record<string, unknown>): void {
  if (applied || !isModule(options) || !littleEndian()) return;
  applied = true;
  const module = options;
  const setValue = module.setValue as (ptr: number, value: unknown, type?: string) => void;
  const getValue = module.getValue as (ptr: number, type?: string) => unknown;
  module.setValue = (ptr: number, value: unknown, type?: string): void => {
    if (type === 'i32') module.HEAP32[ptr >> 2] = value as number;
    else setValue(ptr, value, type);
  };
  module.getValue = (ptr: number, type?: string): unknown => (type === 'i32' ? module.HEAP32[ptr >> 2] : getValue(ptr, type));
  fastGetters(module);
}

function isModule(options: Record<string, unknown>): options is Module {
  return (
    typeof options._ts_init === 'function' &&
    typeof options.setValue === 'function' &&
    typeof options.getValue === 'function' &&
    options.HEAP32 instanceof Int32Array
  );
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}

interface NodeFields {
  id: number;
  startIndex: number;
  startPosition: { row: number; column: number };
  0: number;
  _handle: number;
  tree: { 0: number; language: { types: string[]; fields: Array<string | null> } };
}

/** Number, flag and type-name getters of `Node`, writing the node into the transfer buffer directly. */
function fastGetters(module: Module): void {
  const names = ['_ts_node_symbol_wasm', '_ts_node_end_index_wasm', '_ts_node_is_named_wasm', '_ts_node_has_error_wasm', '_ts_node_child_count_wasm', '_ts_node_named_child_count_wasm'];
  const prototype = treeSitter.Node.prototype as unknown as Record<string, unknown>;
  const getters = ['type', 'typeId', 'endIndex', 'isNamed', 'hasError', 'childCount', 'namedChildCount'];
  if (names.some((name) => typeof module[name] !== 'function')) return;
  if (getters.some((name) => typeof Object.getOwnPropertyDescriptor(prototype, name)?.get !== 'function')) return;
  const named = nodeHandleNamed;
  // The transfer buffer's address (ts_init only stores the two language versions there and returns it).
  const buffer = ((module._ts_init as WasmFn)() >> 2) as number;
  const put = (node: NodeFields): number => {
    const heap = module.HEAP32;
    heap[buffer] = node.id;
    heap[buffer + 1] = node.startIndex;
    heap[buffer + 2] = node.startPosition.row;
    heap[buffer + 3] = node.startPosition.column;
    heap[buffer + 4] = named ? node._handle : node[0];
    return node.tree[0];
  };
  const symbol = module._ts_node_symbol_wasm as WasmFn;
  const endIndex = module._ts_node_end_index_wasm as WasmFn;
  const isNamed = module._ts_node_is_named_wasm as WasmFn;
  const hasError = module._ts_node_has_error_wasm as WasmFn;
  const childCount = module._ts_node_child_count_wasm as WasmFn;
  const namedChildCount = module._ts_node_named_child_count_wasm as WasmFn;
  const define = (name: string, get: (this: NodeFields) => unknown): void => {
    Object.defineProperty(prototype, name, { get, configurable: true, enumerable: false });
  };
  define('typeId', function () {
    return symbol(put(this));
  });
  define('type', function () {
    return this.tree.language.types[symbol(put(this))] || 'ERROR';
  });
  define('endIndex', function () {
    return endIndex(put(this));
  });
  define('isNamed', function () {
    return isNamed(put(this)) === 1;
  });
  define('hasError', function () {
    return hasError(put(this)) === 1;
  });
  define('childCount', function () {
    return childCount(put(this));
  });
  define('namedChildCount', function () {
    return namedChildCount(put(this));
  });
  fieldIds(prototype);
}

/** `childForFieldName` looks its name up in the language's field list once per language and name, not per call. */
function fieldIds(prototype: Record<string, unknown>): void {
  const byId = prototype.childForFieldId;
  if (typeof byId !== 'function' || typeof prototype.childForFieldName !== 'function') return;
  const ids = new WeakMap<object, Map<string, number>>();
  Object.defineProperty(prototype, 'childForFieldName', {
    value(this: NodeFields, name: string): unknown {
      const language = this.tree.language;
      let known = ids.get(language);
      if (!known) ids.set(language, (known = new Map()));
      let id = known.get(name);
      if (id === undefined) known.set(name, (id = language.fields.indexOf(name)));
      return id === -1 ? null : byId.call(this, id);
    },
    configurable: true,
    enumerable: false,
    writable: true,
  });
}
