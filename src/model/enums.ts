/**
 * How enums travel on the wire: one rule, used by every emitter (types, guards, JSON Schema,
 * README) and by inference (sample values checked against an enum).
 *
 * ServiceStack sends a [Flags] enum as its number (any bitwise OR of the members), a
 * string-valued enum (`Name | Value` table with string values) as its Value column, and every
 * other enum (a plain member list, or `Name | Value` with integers) as the member NAME; the C#
 * integers of an int-valued enum are not on the wire.
 */
import type { EnumMember, EnumType } from './model.js';

/** What a member is sent as: its name, its string Value, or (flags) its number. */
export type EnumWireKind = 'name' | 'string' | 'number';

/**
 * How the members of an enum are sent on the wire.
 *
 * @param type
 *   The enum.
 */
export function enumWireKind(type: EnumType): EnumWireKind {
  if (type.flags) return 'number';
  if (type.valueKind === 'string') return 'string';
  return 'name';
}

/**
 * The value one member is sent as: its number (flags), its string Value (string-valued enums),
 * or its name.
 *
 * @param type
 *   The enum.
 * @param member
 *   One of its members.
 */
export function enumWireValue(type: EnumType, member: EnumMember): string | number {
  const kind = enumWireKind(type);
  if (kind === 'number') return typeof member.value === 'number' ? member.value : 0;
  if (kind === 'string' && typeof member.value === 'string') return member.value;
  return member.name;
}

/**
 * The wire value of every member, in member order (duplicates kept).
 *
 * @param type
 *   The enum.
 */
export function enumWireValues(type: EnumType): (string | number)[] {
  return type.members.map((member) => enumWireValue(type, member));
}
