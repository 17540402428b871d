import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';

export const localStreamStyles = [
  sharedStyles,
  css`
    :host {
      display: block;
      position: relative;
      aspect-ratio: var(--trtc-tile-aspect-ratio, 16 / 9);
      min-width: 0;
      font: var(--trtc-font, 500 0.9375rem/1.4 system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    }

    /* Off stage there is nothing to show: the element takes no room in the layout. */
    :host(:not([active])) {
      display: none;
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
      outline: 2px solid var(--trtc-local-outline-color, var(--trtc-accent, #0052d9));
      outline-offset: -2px;
    }

    .video,
    .video > * {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }

    .name {
      position: absolute;
      left: 0.5rem;
      bottom: 0.5rem;
      padding: 0.125rem 0.5rem;
      border-radius: 999px;
      font-size: 0.8125rem;
      color: #fff;
      background: rgb(0 0 0 / 0.6);
    }
  `,
];
