export { en, type Messages } from './messages.js';
export { zhCN } from './zh-cn.js';
export { describeError, languageOf, loadMessages, matchLocale, messagesFor, resolveLocale, type SupportedLocale } from './locale.js';
export { LocaleController } from './locale-controller.js';
