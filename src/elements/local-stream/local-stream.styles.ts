import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';
import { tokens } from '../shared/tokens.js';

export const localStreamStyles = [
  sharedStyles,
  css`
    :host {
      display: block;
      position: relative;
      aspect-ratio: ${tokens.tileAspectRatio};
      min-width: 0;
      font: ${tokens.font};
    }

    /*
     * Off stage there is nothing to show: the element takes no room in the layout and paints
     * nothing, even when page CSS gives it a display of its own (which beats :host).
     */
    :host(:not([active])) {
      display: none;
      aspect-ratio: auto;
    }

    :host(:not([active])) .base {
      visibility: hidden;
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
