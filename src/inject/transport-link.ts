/** Names the axios request a transport call serves; set by the axios hooks. */
export type AxiosLinker = (method: string, url: string) => string | undefined;

export const noAxiosLink: AxiosLinker = () => undefined;
