export { diffText } from './text-diff';
