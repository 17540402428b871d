import type { ComplexAttributeConverter } from 'lit';

/**
 * A boolean attribute that also reads `"false"` as false: Vue and Angular bindings write
 * `muted="false"` rather than removing the attribute.
 */
export const booleanAttribute: ComplexAttributeConverter<boolean> = {
  fromAttribute: (value) => value !== null && value.trim().toLowerCase() !== 'false',
  toAttribute: (value) => (value ? '' : null),
};
