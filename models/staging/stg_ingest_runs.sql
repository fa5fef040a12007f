with

source as (

    select * from {{ source('raw', 'ingest_runs') }}

),

renamed as (

    select
        -- ids
        cast(run_id as varchar) as run_id,

        -- run
        cast(command as varchar) as command,
        cast(inputs as varchar) as inputs_json,
        cast(status as varchar) as run_status,
        cast(note as varchar) as run_note,

        -- file counts
        cast(files_seen as integer) as files_seen,
        cast(files_loaded as integer) as files_loaded,
        cast(files_replaced as integer) as files_replaced,
        cast(files_reparsed as integer) as files_reparsed,
        cast(files_unchanged as integer) as files_unchanged,
        cast(files_failed as integer) as files_failed,

        -- timestamps
        cast(started_at as timestamp) as started_at,
        cast(finished_at as timestamp) as finished_at

    from source

)

select * from renamed
