import { http } from './http'
import type { Page, Token } from './types'

const base = '/api/v1/tokens'

export const listTokens = () => http.get<Page<Token> | { items: Token[] }>(base)
export const createToken = (name: string, expires_in_days: number) =>
  http.post<{ token: string; item: Token }>(base, { name, expires_in_days })
export const revokeToken = (id: number) => http.delete<void>(`${base}/${id}`)
