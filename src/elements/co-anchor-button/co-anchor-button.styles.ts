import { css } from 'lit';
import { stageButtonStyles } from '../shared/stage-button.styles.js';
import { tokens } from '../shared/tokens.js';

export const coAnchorButtonStyles = [
  ...stageButtonStyles,
  css`
    .button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.5rem;
      min-width: 9rem;
      min-height: 2.75rem;
      padding: 0.625rem 1.5rem;
      border: 0;
      border-radius: var(--trtc-button-radius, 999px);
      font: inherit;
      font-weight: 600;
      color: ${tokens.accentTextColor};
      background: ${tokens.accent};
      cursor: pointer;
      transition: background-color 120ms ease;
    }

    .button:hover {
      background: ${tokens.accentHover};
    }

    .button[aria-pressed='true'] {
      background: var(--trtc-danger, #c9353f);
    }

    .button[aria-pressed='true']:hover {
      background: var(--trtc-danger-hover, #a8232d);
    }

    .button[aria-busy='true'] {
      cursor: progress;
    }

    .button[aria-disabled='true'] {
      color: var(--trtc-disabled-text-color, #4b5563);
      background: var(--trtc-disabled-background, #e5e7eb);
      cursor: not-allowed;
    }

    /* A pulsing dot: the button is live, or on its way. */
    .indicator {
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: currentColor;
    }

    .button[aria-busy='true'] .indicator {
      animation: pulse 1s ease-in-out infinite;
    }

    @media (prefers-reduced-motion: reduce) {
      .button[aria-busy='true'] .indicator {
        animation: none;
      }
    }

    @keyframes pulse {
      50% {
        opacity: 0.25;
      }
    }

    .hint {
      max-width: 20rem;
    }
  `,
];
