export { en, zhCN, type Messages } from './messages.js';
export { describeError, languageOf, matchLocale, messagesFor, resolveLocale, type SupportedLocale } from './locale.js';
export { LocaleController } from './locale-controller.js';
