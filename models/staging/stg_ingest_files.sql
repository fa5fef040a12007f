with

source as (

    select * from {{ source('raw', 'ingest_files') }}

),

renamed as (

    select
        -- ids
        cast(run_id as varchar) as run_id,

        -- file
        cast(source_file as varchar) as source_file,
        cast(source_path as varchar) as source_path,
        cast(byte_size as bigint) as byte_size,
        cast(encoding as varchar) as file_encoding,
        cast(content_sha256 as varchar) as content_sha256,

        -- outcome
        cast(outcome as varchar) as outcome,
        cast(reason as varchar) as reason,
        cast(article_count as integer) as article_count

    from source

)

select * from renamed
