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

/** What decides an enum's wire values (an enum, or a table's members before it is named). */
type EnumShape = Pick<EnumType, 'flags' | 'valueKind' | 'members'>;

/**
 * How the members of an enum are sent on the wire.
 *
 * @param type
 *   The enum.
 */
export function enumWireKind(type: Pick<EnumType, 'flags' | 'valueKind'>): EnumWireKind {
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
export function enumWireValue(type: EnumShape, member: EnumMember): string | number {
  return wireValue(enumWireKind(type), member);
}

function wireValue(kind: EnumWireKind, member: EnumMember): string | number {
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
export function enumWireValues(type: EnumShape): (string | number)[] {
  const kind = enumWireKind(type);
  return type.members.map((member) => wireValue(kind, member));
}

/**
 * A [Flags] enum: non-negative values, at least three single bits, every other value an OR of
 * declared bits, and not simply the sequence 0..n (or 1..n).
 */
export function isFlags(values: readonly number[]): boolean {
  if (values.some((value) => value < 0 || !Number.isSafeInteger(value))) return false;
  const bits = values.filter((value) => value > 0 && (value & (value - 1)) === 0);
  if (new Set(bits).size < 3) return false;
  const mask = bits.reduce((all, bit) => all | bit, 0);
  if (values.some((value) => (value & ~mask) !== 0)) return false;
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  return !sorted.every((value, i) => value === first + i);
}
