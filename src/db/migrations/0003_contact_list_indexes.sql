DROP INDEX "contacts_workspace_last_contacted_idx";--> statement-breakpoint
CREATE INDEX "contacts_workspace_email_prefix_idx" ON "contacts" USING btree ("workspace_id",lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contacts_workspace_last_contacted_idx" ON "contacts" USING btree ("workspace_id",coalesce("last_contacted_at", 'epoch'::timestamptz),"id");