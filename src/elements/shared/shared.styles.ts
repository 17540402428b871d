import { css } from 'lit';

/** Rules every element shares: `hidden` wins over `:host { display }`, and text for screen readers only. */
export const sharedStyles = css`
  :host([hidden]) {
    display: none !important;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
