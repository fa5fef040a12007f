{#-
    Where a number came from: one statement with its article, page file, publication
    date, sentence and span, and the text the span points at in the article body.
    The statement is the largest CNY level in the warehouse (ties: by id); edit
    `chosen_statement` to trace another.
-#}
with

statements as (

    select * from {{ ref('fact_metric') }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

chosen_statement as (

    select *
    from statements
    where
        unit = 'CNY'
        and not is_growth
    order by value desc, metric_fact_id asc
    limit 1

),

final as (

    select
        chosen_statement.metric_fact_id,
        chosen_statement.subject_type,
        chosen_statement.subject_name,
        chosen_statement.metric_code,
        chosen_statement.metric_raw,
        chosen_statement.value,
        chosen_statement.unit,
        chosen_statement.qualifier,
        chosen_statement.period_label,
        chosen_statement.raw_text,
        chosen_statement.evidence,
        chosen_statement.char_start,
        chosen_statement.char_end,
        substring(
            articles.body,
            chosen_statement.char_start + 1,
            chosen_statement.char_end - chosen_statement.char_start
        ) as text_at_span,
        articles.article_id,
        articles.title as article_title,
        articles.byline,
        articles.source_file,
        articles.article_index,
        articles.published_on,
        articles.published_on_source
    from chosen_statement
    inner join articles
        on chosen_statement.article_id = articles.article_id

)

select * from final
