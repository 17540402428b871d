import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';
import { tileStyles } from '../shared/tile.styles.js';
import { tokens } from '../shared/tokens.js';

export const localStreamStyles = [
  sharedStyles,
  tileStyles,
  css`
    /* Off stage there is nothing to show: the element takes no room in the layout. */
    :host(:not([active])) {
      display: none;
    }

    .base {
      outline: 2px solid var(--trtc-local-outline-color, ${tokens.accent});
      outline-offset: -2px;
    }
  `,
];
