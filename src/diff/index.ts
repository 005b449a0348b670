export { diffText } from './text-diff';
export { compareFigures } from './figure-changes';
