// Structural types for the few parts of axios the reference uses, so one
// implementation serves axios 0.x and 1.x (their own types differ).

/** An axios request config: `headers` is a plain object (0.x) or AxiosHeaders (1.x). */
export interface RequestConfigLike {
  headers?: unknown;
  url?: string;
  method?: string;
  [key: string]: unknown;
}

/** What an axios error carries that the interceptors look at. */
export interface AxiosErrorLike {
  config?: RequestConfigLike;
  response?: { status: number };
}

interface InterceptorManagerLike {
  use(onFulfilled?: (value: any) => any, onRejected?: (error: any) => any): number;
  eject(id: number): void;
}

/** An axios instance (`axios.create()`) or the default `axios` export, any version. */
export interface AxiosLike {
  request(config: any): Promise<any>;
  interceptors: { request: InterceptorManagerLike; response: InterceptorManagerLike };
}

/** Options shared by both approaches. */
export interface TokenOptions {
  /**
   * Gets a new access token. It must not go through the instance the
   * interceptors are installed on: that request would wait for itself.
   */
  refresh: () => Promise<string>;
  /** Reads the current access token (the demo reads a cookie). */
  getToken: () => string | null | undefined;
  /** Stores the new token where every request reads it (the "cookie singleton"). */
  setToken: (token: string) => void;
  /** Puts the token on a request. Default: `Authorization: Bearer <token>`. */
  applyToken?: (config: RequestConfigLike, token: string) => void;
}

/** Removes the interceptors again. */
export type Uninstall = () => void;
