import { css, html } from 'lit';

/** A microphone struck through: the muted-mic badge of a tile. */
export const micMutedIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="9" y="2" width="6" height="12" rx="3"></rect><path d="M5 10v1a7 7 0 0 0 14 0v-1M12 18v4M8 22h8M3 3l18 18"></path></svg>`;

/** The tiles' muted-mic badge and speaking outline, shared by the remote and local tiles. */
export const indicatorStyles = css`
  .mic-muted {
    position: absolute;
    top: 0.5rem;
    right: 0.5rem;
    display: inline-flex;
    padding: 0.3rem;
    border-radius: 50%;
    color: #fff;
    background: var(--trtc-badge-background, #c9353f);
  }

  .mic-muted[hidden] {
    display: none;
  }

  .mic-muted svg {
    width: 1rem;
    height: 1rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }
`;
