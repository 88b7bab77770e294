#![allow(dead_code)]

pub mod desk;
