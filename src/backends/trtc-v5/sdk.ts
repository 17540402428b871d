import type TRTC from 'trtc-sdk-v5';
import type { TrtcObjectFit, TrtcPlayOptions } from '../types.js';
import { invalidParameter } from './errors.js';

/** The v5 namespace (`import TRTC from 'trtc-sdk-v5'`). */
export type V5Sdk = typeof TRTC;
/** One v5 instance (`TRTC.create()`): a room, its local capture and its remote players. */
export type V5Instance = ReturnType<V5Sdk['create']>;
/** v5's name for a stream type, as a plain string. */
export type V5StreamType = 'main' | 'sub';
/**
 * A plain string as v5's declarations type it: they declare roles, scenes and stream types as
 * `const enum`s, which code compiled one file at a time cannot name; their values are these strings.
 */
export const asV5 = <T>(value: string) => value as unknown as T;

/** Where v4 plays a stream: an element, or the id of one in the document. */
export type V5View = string | HTMLElement;

/** v5 fills a view three ways; v4 also offers `none` and `scale-down`, which v5 cannot do. */
export function fillModeOf(objectFit: TrtcObjectFit = 'cover'): 'contain' | 'cover' | 'fill' {
  if (objectFit === 'contain' || objectFit === 'cover' || objectFit === 'fill') return objectFit;
  throw invalidParameter(`objectFit "${String(objectFit)}" is not one of contain, cover, fill`);
}

/** Checks a view the way v4's `play()` does: an element, or an id found in the document. */
export function checkView(view: V5View, options: TrtcPlayOptions | undefined): void {
  const element = typeof view === 'string' ? document.getElementById(view) : view;
  if (!(element instanceof HTMLDivElement)) throw invalidParameter('play() needs a <div> or the id of one in the document');
  fillModeOf(options?.objectFit);
}
