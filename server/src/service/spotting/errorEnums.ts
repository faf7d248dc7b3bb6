import type { Node } from 'web-tree-sitter';

/*
 * An API's error codes declared as the members of an enum named for them: PHP `enum ExpoErrorType: string { case
 * MessageRateExceeded = 'MessageRateExceeded'; }`, TypeScript `enum ApiErrorCode { RateLimited = 'rate_limited' }`,
 * C# `enum AcoustIdErrorCode { TooManyRequests = 14 }` (numbers too: see vendorCodeRoles.ts),
 * Python `class ErrorCode(str, Enum): RATE_LIMITED = "rate_limited"`, Java `enum ApiErrorCode { RATE_LIMITED("…") }`,
 * Kotlin `enum class ApiError(val code: String) { RATE_LIMITED("rate_limited") }`.
 * The member's string is a code (vendorCodeRoles.ts gives it the `constant` role); its uses follow through the declared
 * names (ownVendorCodes.ts). TypeScript spells the same with literal types on an error type's code (errorTypeMember).
 */

/**
 * Names of enums (and Python Enum classes) that hold an API's error codes (`ExpoErrorType`, `ApiErrorCode`,
 * `ErrorReason`); a project's own failure categories (`DownloadFailure`, `FailureKind`) are not.
 */
const ERROR_ENUM_NAME = /(error|err)(s|codes?|types?|reasons?)?$/;

/** An enum's name that says its members are error codes (`ApiErrorCode`, `ExpoErrorType`, `AcoustIdErrorCode`). */
export function namesErrorEnum(name: string): boolean {
  return ERROR_ENUM_NAME.test(name.toLowerCase().replace(/[_$]/g, ''));
}

/** The string is the value of a member of an enum named for error codes. */
export function errorEnumMember(literal: Node): boolean {
  const named = (decl: Node | null | undefined): boolean => {
    const name = decl?.childForFieldName('name')?.text ?? decl?.namedChildren.find((c) => c?.type === 'name' || c?.type === 'identifier')?.text;
    return !!name && namesErrorEnum(name);
  };
  const parent = literal.parent;
  if (!parent) return false;
  // PHP `case X = '…';` in an `enum_declaration_list`; TypeScript `X = '…'` in an `enum_body`; C# `TooManyRequests = 14,`
  // in an `enum_member_declaration_list`.
  if ((parent.type === 'enum_case' || parent.type === 'enum_assignment' || parent.type === 'enum_member_declaration') && parent.lastNamedChild?.id === literal.id) {
    return named(parent.parent?.parent);
  }
  // Java `RATE_LIMITED("rate_limited")`: the constant's one argument.
  if (parent.type === 'argument_list' && parent.namedChildCount === 1 && parent.parent?.type === 'enum_constant') return named(parent.parent.parent?.parent);
  // Kotlin `RATE_LIMITED("rate_limited")`, `FILE_LOCKED(4101, { … })` in `enum class UploadError(val errorCode: Int, …)`.
  if (parent.type === 'value_argument' && parent.parent?.type === 'value_arguments' && parent.parent.parent?.type === 'enum_entry') {
    const declaration = parent.parent.parent.parent?.parent;
    return declaration?.type === 'class_declaration' && named(declaration) && kotlinCodeArgument(declaration, parent);
  }
  // Python `class ErrorCode(str, Enum):` with `RATE_LIMITED = "rate_limited"` in its body.
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === literal.id && parent.parent?.type === 'expression_statement') {
    const cls = parent.parent.parent?.type === 'block' ? parent.parent.parent.parent : undefined;
    return cls?.type === 'class_definition' && /\b(Str|Int)?Enum\b/.test(cls.childForFieldName('superclasses')?.text ?? '') && named(cls);
  }
  return false;
}

/** Names of a Kotlin enum's constructor parameter that holds the member's code: `code`, `errorCode`, `error_code`, `value`. */
const CODE_PARAMETER = /^(code|value|key|id|type|reason|error|errorType|errorKey)$|(^|_)code$|Code$/;

/**
 * The argument of a Kotlin enum entry stands for its code: the entry's only argument, or the one in the place (or under
 * the name) of a constructor parameter named for a code (`(val errorCode: Int, val handler: …)`: not the handler, nor a
 * `message`).
 */
function kotlinCodeArgument(declaration: Node, argument: Node): boolean {
  const args = argument.parent?.namedChildren.filter((c) => c?.type === 'value_argument') ?? [];
  // `NAMED(code = "x", message = "…")`: the parameter's name stands before the `=`.
  if (argument.children.some((c) => c?.type === '=')) return CODE_PARAMETER.test(argument.namedChild(0)?.text ?? '');
  if (args.length === 1) return true;
  const index = args.findIndex((a) => a?.id === argument.id);
  const constructor = declaration.namedChildren.find((c) => c?.type === 'primary_constructor');
  const parameters = constructor?.namedChildren.find((c) => c?.type === 'class_parameters')?.namedChildren.filter((c) => c?.type === 'class_parameter') ?? [];
  const name = parameters[index]?.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'simple_identifier')?.text;
  return !!name && CODE_PARAMETER.test(name);
}

/** Properties of an error type that hold its code: `code: "EOTP"`, `type: "invalid_request_error"`. */
const CODE_PROPERTY = /^(code|error|errorCode|error_code|type|reason|kind)$/;
/** Names of a type that describes an error (`NpmPublishEOtpError`, `QuotaFault`) or lists its codes (`ApiErrorCode`). */
const ERROR_TYPE_NAME = /(Error|Exception|Fault|Failure)$/;

/**
 * The string is a literal type of an error type's code property: TypeScript `type PublishOtpError = { code: "EOTP";
 * … }`, `interface DeniedError { code: "E403" | "E404" }` — a union of errors told apart by the codes the API answers with.
 */
export function errorTypeMember(literal: Node): boolean {
  let node = literal.parent;
  if (node?.type !== 'literal_type') return false;
  while (node.parent?.type === 'union_type') node = node.parent;
  const annotation = node.parent;
  const property = annotation?.type === 'type_annotation' ? annotation.parent : undefined;
  if (property?.type !== 'property_signature' || !CODE_PROPERTY.test(property.childForFieldName('name')?.text ?? '')) return false;
  const declaration = property.parent?.parent;
  if (!declaration || !/^(type_alias_declaration|interface_declaration)$/.test(declaration.type)) return false;
  const name = declaration.childForFieldName('name')?.text ?? '';
  return ERROR_TYPE_NAME.test(name) || namesErrorEnum(name);
}

/** Nodes that declare one named constant with its value. */
const DECLARATION = /^(variable_declarator|const_element|property_declaration|assignment|const_item|static_item|public_field_definition|field_definition|pair|const_spec|const_declaration)$/;
/** Declarations of a type, a module or an object that hold constants. */
const HOLDER = /^(class_declaration|class_definition|class|module|interface_declaration|object_declaration|companion_object|mod_item|impl_item|abstract_class_declaration|struct_declaration|object)$/;
/** Names of a holder of an API's error codes: `ErrorCodes`, `ApiErrors`, `error_codes`, `ErrCodes`, `GraphErrorType`. */
const HOLDER_NAME = /(error|err)(s|codes?|types?|reasons?)$/;

/**
 * The string is the value of a constant declared in a class, module or object named for error codes: Java
 * `final class ErrorCodes { static final String RATE_LIMITED = "rate_limited"; }`, C# `static class ApiErrors { public
 * const string Quota = "quota"; }`, Kotlin `object ErrorCodes { const val X = "…" }`, PHP `class ErrorCodes { const X =
 * '…'; }`, Ruby `module ErrorCodes; X = "…"`, Python `class ErrorCode:` (no Enum), Rust `mod error_codes { pub const X:
 * &str = "…"; }`, JavaScript `const ErrorCodes = { X: '…' }`.
 */
export function errorHolderMember(literal: Node): boolean {
  let node: Node = literal;
  // (A TypeScript object is often `{ … } as const`; a Kotlin/Java value may sit in a wrapper of one child.)
  for (let depth = 0; node.parent && depth < 2 && !DECLARATION.test(node.parent.type) && node.parent.namedChildCount === 1; depth++) node = node.parent;
  const declaration = node.parent;
  if (!declaration || !DECLARATION.test(declaration.type) || declaration.lastNamedChild?.id !== node.id) return false;
  // An object's member is a constant when its key is a name in constant case (`TOO_MANY: '…'`, `RateLimited: '…'`); a
  // table from codes to something (`7050: 'NO_ASSET'`, `"upload-expired": "reauthorize"`) maps codes, it names none.
  if (declaration.type === 'pair' && !/^([A-Z][A-Z0-9]*(_[A-Z0-9]+)*|[A-Z][a-z0-9]+([A-Z][a-z0-9]*)+)$/.test(declaration.namedChild(0)?.text ?? '')) return false;
  for (let up = declaration.parent, depth = 0; up && depth < 6; up = up.parent, depth++) {
    if (up.type === 'object') {
      // A JavaScript object literal: the name it is bound to.
      let holder: Node | null = up.parent;
      while (holder && /^(as_expression|satisfies_expression|parenthesized_expression|call_expression|arguments)$/.test(holder.type)) holder = holder.parent;
      const name = holder?.type === 'variable_declarator' ? holder.childForFieldName('name')?.text : holder?.type === 'assignment_expression' ? holder.childForFieldName('left')?.text : undefined;
      return !!name && HOLDER_NAME.test(name.toLowerCase().replace(/[_$]/g, ''));
    }
    if (!HOLDER.test(up.type)) continue;
    const name = up.childForFieldName('name')?.text ?? up.namedChildren.find((c) => c !== null && /identifier|constant|^name$|type_identifier/.test(c.type))?.text ?? '';
    return HOLDER_NAME.test(name.toLowerCase().replace(/[_$]/g, '').split(/::/).pop() ?? '');
  }
  return false;
}
