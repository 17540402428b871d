/**
 * TRTC's limits on the identifiers of an application, a room and a user, as Tencent Cloud
 * documents them. The room checks settings against them before it touches a backend, and the
 * loopback backend refuses what TRTC would refuse, so both read them from here.
 */

/** An SDKAppID is an unsigned 32-bit number other than 0. */
export const SDK_APP_ID_RANGE = { min: 1, max: 4294967295 } as const;

/** A numeric room id (`useStringRoomId: false`). */
export const NUMERIC_ROOM_ID_RANGE = { min: 1, max: 4294967294 } as const;

/** A string room id (`useStringRoomId: true`): 1–64 of letters, digits, the space and `!#$%&()+-:;<=.>?@[]^_{}|~,`. */
export const STRING_ROOM_ID = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,64}$/;

/** A user id: 1–32 of letters, digits, `_` and `-`. */
export const USER_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function inRange(value: number, range: { readonly min: number; readonly max: number }): boolean {
  return Number.isInteger(value) && value >= range.min && value <= range.max;
}

/** Anchors (the host included) that may publish in one TRTC room at a time. */
export const MAX_ANCHORS_PER_ROOM = 50;
