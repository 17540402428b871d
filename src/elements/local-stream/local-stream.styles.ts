import { css } from 'lit';
import { indicatorStyles } from '../shared/indicators.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { tileStyles } from '../shared/tile.styles.js';
import { tokens } from '../shared/tokens.js';

export const localStreamStyles = [
  sharedStyles,
  tileStyles,
  indicatorStyles,
  css`
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
      outline: 2px solid var(--trtc-local-outline-color, ${tokens.accent});
      outline-offset: -2px;
    }

  `,
];
