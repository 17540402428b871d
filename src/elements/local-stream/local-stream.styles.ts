import { css } from 'lit';
import { indicatorStyles } from '../shared/indicators.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { tokens } from '../shared/tokens.js';

export const localStreamStyles = [
  sharedStyles,
  indicatorStyles,
  css`
    :host {
      display: block;
      position: relative;
      aspect-ratio: ${tokens.tileAspectRatio};
      min-width: 0;
      font: ${tokens.font};
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
      border-radius: ${tokens.tileRadius};
      background: ${tokens.tileBackground};
      box-shadow: ${tokens.tileShadow};
      outline: 2px solid var(--trtc-local-outline-color, ${tokens.accent});
      outline-offset: -2px;
    }

    .video,
    .video > * {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }

    .camera-off {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      padding: 1rem;
      text-align: center;
      color: ${tokens.tileMutedTextColor};
      background: ${tokens.tileBackground};
    }

    .camera-off[hidden] {
      display: none;
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
