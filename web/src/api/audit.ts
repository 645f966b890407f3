import { http } from './http'
import type { AuditEntry, Page, PageQuery } from './types'

export interface AuditFilter extends PageQuery {
  user_id?: number | null
  entity?: string
  entity_id?: string
  /** YYYY-MM-DD, inclusive */
  from?: string
  /** YYYY-MM-DD, inclusive */
  to?: string
}

export const listAudit = (f: AuditFilter = {}) => http.get<Page<AuditEntry>>('/api/v1/audit', { ...f })
