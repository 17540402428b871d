import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';
import { tokens } from '../shared/tokens.js';

export const coAnchorRequestsStyles = [
  sharedStyles,
  css`
    :host {
      display: block;
      font: ${tokens.font};
      color: var(--trtc-requests-text-color, inherit);
    }

    /* The lists and titles have a display of their own, which the hidden attribute must still win over. */
    [hidden] {
      display: none !important;
    }

    .base {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }

    .title {
      margin: 0;
      font-weight: 600;
    }

    .count {
      display: inline-block;
      min-width: 1.5em;
      margin-inline-start: 0.375rem;
      padding: 0 0.375rem;
      border-radius: 999px;
      text-align: center;
      color: ${tokens.accentTextColor};
      background: ${tokens.accent};
    }

    .empty {
      margin: 0;
    }

    .list {
      display: flex;
      flex-direction: column;
      gap: 0.375rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .entry {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      padding: 0.5rem 0.75rem;
      border-radius: 8px;
      color: var(--trtc-requests-entry-color, #111827);
      background: var(--trtc-requests-entry-background, #f3f4f6);
    }

    .user {
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .waiting,
    .grow {
      flex: 1;
      font-size: 0.8125rem;
      color: var(--trtc-requests-muted-color, #4b5563);
    }

    .action {
      min-height: 2.25rem;
      padding: 0.25rem 0.875rem;
      border: 0;
      border-radius: 999px;
      font: inherit;
      font-weight: 600;
      color: ${tokens.accentTextColor};
      background: ${tokens.accent};
      cursor: pointer;
    }

    .action:hover {
      background: ${tokens.accentHover};
    }

    .action:focus-visible {
      outline: ${tokens.focusRingColor} solid 3px;
      outline-offset: 2px;
    }

    .action.refuse {
      background: var(--trtc-danger, #c9353f);
    }

    .action.refuse:hover {
      background: var(--trtc-danger-hover, #a8232d);
    }
  `,
];
