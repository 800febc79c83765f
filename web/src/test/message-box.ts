/** A button of the open confirmation box, which Element Plus renders outside the component, in the body, by its text. */
export const messageBoxButton = (text: string): HTMLButtonElement | undefined =>
  [...document.querySelectorAll<HTMLButtonElement>('.el-message-box__btns button')].find((b) => b.textContent?.trim() === text);
