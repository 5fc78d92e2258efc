//! Reading a listing to its end. DynamoDB's Scan and Query and S3's ListObjectsV2 each answer one
//! page at a time with a token for the next, so every listing of the stores goes through the one
//! loop here, [`all_pages`], and only says how to read a page and where the next one starts.

use std::future::Future;

use super::items::Item;
use crate::storage::StoreResult;

/// Every item of a listing, in the order of its pages. `read_page` is called with the token of
/// the page to read (`None` for the first) and answers that page's items and the next page's
/// token, `None` after the last page.
pub(super) async fn all_pages<T, Token, Page>(
    mut read_page: impl FnMut(Option<Token>) -> Page,
) -> StoreResult<Vec<T>>
where
    Page: Future<Output = StoreResult<(Vec<T>, Option<Token>)>>,
{
    let (mut all, mut next) = read_page(None).await?;
    while let Some(token) = next {
        let (items, after) = read_page(Some(token)).await?;
        all.extend(items);
        next = after;
    }
    Ok(all)
}

/// Where the next page of a DynamoDB Scan or Query starts: DynamoDB leaves `LastEvaluatedKey` out
/// after the last page, and an empty key is taken to say the same.
pub(super) fn dynamodb_next(last_evaluated_key: Option<Item>) -> Option<Item> {
    last_evaluated_key.filter(|key| !key.is_empty())
}

/// Where the next page of an S3 ListObjectsV2 starts: there is a next page only while S3 says the
/// listing is truncated.
#[cfg(test)]
pub(super) fn s3_next(
    next_continuation_token: Option<String>,
    is_truncated: Option<bool>,
) -> Option<String> {
    next_continuation_token.filter(|_| is_truncated == Some(true))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use aws_sdk_dynamodb::types::AttributeValue;

    use super::*;
    use crate::storage::StoreError;

    #[tokio::test]
    async fn every_page_is_read_in_order() {
        // Three pages, the second empty: a listing may well answer an empty page before the last.
        let pages = HashMap::from([
            (None, (vec![1, 2], Some("b"))),
            (Some("b"), (vec![], Some("c"))),
            (Some("c"), (vec![3], None)),
        ]);
        let mut asked = Vec::new();
        let all = all_pages(|token: Option<&str>| {
            asked.push(token);
            let page = pages[&token].clone();
            async move { Ok(page) }
        })
        .await
        .unwrap();
        assert_eq!(all, [1, 2, 3]);
        assert_eq!(asked, [None, Some("b"), Some("c")]);
    }

    #[tokio::test]
    async fn a_failed_page_ends_the_listing() {
        let mut asked = 0;
        let result = all_pages(|token: Option<u32>| {
            asked += 1;
            async move {
                match token {
                    None => Ok((vec!["first"], Some(1))),
                    Some(_) => Err(StoreError::Backend("page 2".into())),
                }
            }
        })
        .await;
        assert!(matches!(result, Err(StoreError::Backend(m)) if m == "page 2"));
        assert_eq!(asked, 2);
    }

    #[test]
    fn the_next_page_is_where_the_service_says() {
        assert_eq!(dynamodb_next(None), None);
        assert_eq!(dynamodb_next(Some(Item::new())), None);
        let key = Item::from([("sessionId".to_owned(), AttributeValue::S("s-1".into()))]);
        assert_eq!(dynamodb_next(Some(key.clone())), Some(key));

        assert_eq!(s3_next(Some("t".into()), Some(true)), Some("t".to_owned()));
        assert_eq!(s3_next(Some("t".into()), Some(false)), None);
        assert_eq!(s3_next(Some("t".into()), None), None);
        assert_eq!(s3_next(None, Some(true)), None);
    }
}
