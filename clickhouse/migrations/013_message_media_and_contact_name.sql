-- The media a message carried and the contact's profile name, on every message row.
--
-- WhatsApp's image, audio, video, document and sticker messages carry a media id (to fetch the file from the
-- Cloud API while it is kept there) and its mime type; the caption, or a document's file name, is the row's
-- text as before. contacts[].profile.name is the name the contact gave WhatsApp: what a person in the console
-- recognises a contact by. Rows written before this migration have none ('').

ALTER TABLE rastro.messages
    ADD COLUMN IF NOT EXISTS media_id String DEFAULT '' COMMENT 'WhatsApp media id of an image, audio, video, document or sticker; empty for other content',
    ADD COLUMN IF NOT EXISTS media_mime_type LowCardinality(String) DEFAULT '' COMMENT 'the media''s mime type, e.g. image/jpeg; empty when unknown',
    ADD COLUMN IF NOT EXISTS contact_name String DEFAULT '' COMMENT 'the contact''s WhatsApp profile name (contacts[].profile.name); empty when unknown';
