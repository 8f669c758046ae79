ALTER INDEX "accounts_name_trgm" SET (gin_pending_list_limit=256);--> statement-breakpoint
ALTER INDEX "contacts_search_trgm" SET (gin_pending_list_limit=256);--> statement-breakpoint
ALTER INDEX "contacts_tags_idx" SET (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "accounts_domain_trgm" ON "accounts" USING gin (lower("domain") gin_trgm_ops) WITH (gin_pending_list_limit=256);
