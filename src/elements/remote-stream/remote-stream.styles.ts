import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';

export const remoteStreamStyles = [
  sharedStyles,
  css`
    :host {
      display: block;
      position: relative;
      aspect-ratio: var(--trtc-tile-aspect-ratio, 16 / 9);
      min-width: 0;
      color: var(--trtc-tile-text-color, #f3f4f6);
      font: var(--trtc-font, 500 0.9375rem/1.4 system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    }

    .base {
      position: absolute;
      inset: 0;
      overflow: hidden;
      /* A mirrored (transformed) video paints past a plain overflow clip in Chromium. */
      contain: paint;
      border-radius: var(--trtc-tile-radius, 12px);
      background: var(--trtc-tile-background, #111827);
      box-shadow: var(--trtc-tile-shadow, 0 1px 3px rgb(0 0 0 / 0.35));
    }

    .video,
    .video > * {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }

    .placeholder,
    .camera-off {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      padding: 1rem;
      text-align: center;
      color: var(--trtc-tile-muted-text-color, #d1d5db);
      background: var(--trtc-tile-background, #111827);
    }

    .placeholder[hidden],
    .camera-off[hidden] {
      display: none;
    }

    .name {
      position: absolute;
      left: 0.5rem;
      bottom: 0.5rem;
      max-width: calc(100% - 1rem);
      padding: 0.125rem 0.5rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      border-radius: 999px;
      font-size: 0.8125rem;
      color: #fff;
      background: rgb(0 0 0 / 0.6);
    }

    .play {
      position: absolute;
      inset: 50% auto auto 50%;
      translate: -50% -50%;
      padding: 0.75rem 1.5rem;
      border: 0;
      border-radius: 999px;
      font: inherit;
      font-weight: 600;
      color: var(--trtc-accent-text-color, #fff);
      background: var(--trtc-accent, #0052d9);
      cursor: pointer;
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.4);
    }

    .play:hover {
      background: var(--trtc-accent-hover, #003cab);
    }

    .play:focus-visible {
      outline: 3px solid var(--trtc-focus-ring-color, #7fb1ff);
      outline-offset: 3px;
    }
  `,
];
