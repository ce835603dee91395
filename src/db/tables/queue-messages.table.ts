import type { Generated } from "kysely";

export interface QueueMessagesTable {
  id: Generated<string>;
  queue: string;
  body: string;
  receive_count: Generated<number>;
  visible_at: Generated<Date>;
  sent_at: Generated<Date>;
  dead_lettered_at: Date | null;
  last_error: string | null;
}
