with

source as (

    select * from {{ source('raw', 'pages') }}

),

renamed as (

    select
        -- ids
        cast(page_id as varchar) as page_id,
        cast(run_id as varchar) as run_id,

        -- file
        cast(source_file as varchar) as source_file,
        cast(page_number as integer) as page_number,
        cast(coalesce(source_format, 'txt') as varchar) as source_format,
        cast(source_path as varchar) as source_path,
        cast(content_sha256 as varchar) as content_sha256,
        cast(encoding as varchar) as file_encoding,
        cast(byte_size as bigint) as byte_size,
        cast(raw_text as varchar) as raw_text,
        cast(layout as varchar) as layout_json,

        -- publication
        cast(published_on as date) as published_on,
        cast(published_on_source as varchar) as published_on_source,

        -- manifest
        cast(manifest_source as varchar) as manifest_source,
        cast(manifest_title as varchar) as manifest_title,
        cast(manifest_extra as varchar) as manifest_extra_json,
        cast(parser_version as varchar) as parser_version,

        -- timestamps
        cast(loaded_at as timestamp) as loaded_at,
        cast(built_at as timestamp) as built_at

    from source

)

select * from renamed
