import { inRange, NUMERIC_ROOM_ID_RANGE, SDK_APP_ID_RANGE, STRING_ROOM_ID } from '../trtc-limits.js';
import { invalidParameter } from './errors.js';

/**
 * Argument checks that fail the way the SDK's do: INVALID_PARAMETER with a message naming the
 * argument, the call and what was received, in the same order the SDK checks them, so the
 * same bad call yields the same error on either backend.
 */

type TypeName = 'number' | 'string' | 'boolean' | 'object';

export interface Rule {
  required?: boolean;
  types?: readonly TypeName[];
  values?: readonly unknown[];
  /** `''` and `0` are refused (the SDK's "cannot be ''"). */
  notEmpty?: boolean;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return Object.prototype.toString.call(value).slice(8, -1).toLowerCase();
}

function hasType(value: unknown, type: TypeName): boolean {
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

/** Checks one argument or property; `name` is how the SDK spells it (`'clientConfig.mode'`). */
export function check(value: unknown, name: string, call: string, rule: Rule): void {
  if (value === undefined || value === null) {
    if (rule.required) throw invalidParameter(`'${name}' is a required param when calling ${call}(), received: ${String(value)}.`);
    return;
  }
  if (rule.types && !rule.types.some((type) => hasType(value, type))) {
    throw invalidParameter(
      `'${name}' must be type of ${rule.types.join('|')} when calling ${call}(), received type: ${typeOf(value)}.`,
    );
  }
  if (rule.notEmpty && (value === '' || value === 0)) {
    throw invalidParameter(`'${name}' cannot be '${String(value)}' when calling ${call}().`);
  }
  if (rule.values && !rule.values.includes(value)) {
    throw invalidParameter(
      `'${name}' must be one of ${rule.values.join('|')} when calling ${call}(), received: ${String(value)}.`,
    );
  }
}

/** Checks that `value` is an instance of `type`, which the SDK reports under the class's public name. */
export function checkInstance<T>(
  value: unknown,
  type: abstract new (...args: never[]) => T,
  typeName: string,
  name: string,
  call: string,
): asserts value is T {
  if (value === undefined || value === null) {
    throw invalidParameter(`'${name}' is a required param when calling ${call}(), received: ${String(value)}.`);
  }
  if (!(value instanceof type)) {
    throw invalidParameter(`'${name}' must be instanceof ${typeName} when calling ${call}(), received type: ${typeOf(value)}.`);
  }
}

/** A room id the way TRTC accepts it: see trtc-limits.ts. */
export function checkRoomId(roomId: unknown, useStringRoomId: boolean): void {
  if (useStringRoomId) {
    if (typeof roomId !== 'string' || !STRING_ROOM_ID.test(roomId)) {
      throw invalidParameter("'options.roomId' must be validate string when useStringRoomId is true.");
    }
  } else if (typeof roomId !== 'number' || !inRange(roomId, NUMERIC_ROOM_ID_RANGE)) {
    const { min, max } = NUMERIC_ROOM_ID_RANGE;
    throw invalidParameter(`'options.roomId' must be an integer between [${min}, ${max}] when useStringRoomId is false.`);
  }
}

/** An SDKAppID TRTC could have issued: a whole number in 1..4294967295. */
export function checkSdkAppId(sdkAppId: number, call: string): void {
  if (!inRange(sdkAppId, SDK_APP_ID_RANGE)) {
    const { min, max } = SDK_APP_ID_RANGE;
    throw invalidParameter(`'clientConfig.sdkAppId' must be an integer between [${min}, ${max}] when calling ${call}(), received: ${sdkAppId}.`);
  }
}
