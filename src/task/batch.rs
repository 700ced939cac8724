//! The staging list: up to fifty tasks and the batch's `StatusWebhookURL`.

use super::model::Task;

/// The most tasks one "Create Tasks in Bulk" call takes.
pub const MAX_TASKS: usize = 50;

/// Adding a task to a full staging list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the staging list already holds {MAX_TASKS} tasks, the most one call can send; \
     submit or remove some first"
)]
pub struct BatchFull;

/// The tasks of one call, in the order they will be sent. It may be empty while being built;
/// validation says when it cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Batch {
    tasks: Vec<Task>,
    /// `StatusWebhookURL`: where the service posts the creation result.
    pub webhook: Option<String>,
}

impl Batch {
    /// A batch of these tasks; more than [`MAX_TASKS`] is refused, never cut.
    pub fn from_tasks(tasks: Vec<Task>, webhook: Option<String>) -> Result<Batch, BatchFull> {
        if tasks.len() > MAX_TASKS {
            return Err(BatchFull);
        }
        Ok(Batch { tasks, webhook })
    }

    /// A batch as read from a file, which may hold more than the cap: validation reports it.
    pub(crate) fn unchecked(tasks: Vec<Task>, webhook: Option<String>) -> Batch {
        Batch { tasks, webhook }
    }

    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    /// How many more tasks fit in this call.
    pub fn free_slots(&self) -> usize {
        MAX_TASKS.saturating_sub(self.tasks.len())
    }

    /// Appends a task, or says the list is full.
    pub fn add(&mut self, task: Task) -> Result<usize, BatchFull> {
        self.insert(self.tasks.len(), task)
    }

    /// Puts a task at `index` (clamped to the end), or says the list is full. Returns where it
    /// went.
    pub fn insert(&mut self, index: usize, task: Task) -> Result<usize, BatchFull> {
        if self.tasks.len() >= MAX_TASKS {
            return Err(BatchFull);
        }
        let index = index.min(self.tasks.len());
        self.tasks.insert(index, task);
        Ok(index)
    }

    /// Replaces the task at `index`; returns the old one, or `None` when out of range.
    pub fn replace(&mut self, index: usize, task: Task) -> Option<Task> {
        let slot = self.tasks.get_mut(index)?;
        Some(std::mem::replace(slot, task))
    }

    /// Removes and returns the task at `index`.
    pub fn remove(&mut self, index: usize) -> Option<Task> {
        (index < self.tasks.len()).then(|| self.tasks.remove(index))
    }

    /// Puts a copy of the task at `index` right after it; returns the copy's index.
    pub fn duplicate(&mut self, index: usize) -> Result<Option<usize>, BatchFull> {
        let Some(task) = self.tasks.get(index).cloned() else {
            return Ok(None);
        };
        self.insert(index + 1, task).map(Some)
    }

    /// Swaps the task at `index` with the one above; returns its new index.
    pub fn move_up(&mut self, index: usize) -> Option<usize> {
        if index == 0 || index >= self.tasks.len() {
            return None;
        }
        self.tasks.swap(index, index - 1);
        Some(index - 1)
    }

    /// Swaps the task at `index` with the one below; returns its new index.
    pub fn move_down(&mut self, index: usize) -> Option<usize> {
        if index + 1 >= self.tasks.len() {
            return None;
        }
        self.tasks.swap(index, index + 1);
        Some(index + 1)
    }

    /// Empties the list and hands back what it held.
    pub fn take_all(&mut self) -> Vec<Task> {
        std::mem::take(&mut self.tasks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::Kind;

    fn named(name: &str) -> Task {
        Task {
            name: name.into(),
            ..Task::new(Kind::Todo)
        }
    }

    fn names(batch: &Batch) -> Vec<&str> {
        batch.tasks().iter().map(|t| t.name.as_str()).collect()
    }

    #[test]
    fn the_51st_task_is_refused_and_nothing_is_dropped() {
        let mut batch = Batch::default();
        for i in 0..MAX_TASKS {
            batch.add(named(&format!("t{i}"))).unwrap();
        }
        assert_eq!(batch.add(named("one too many")), Err(BatchFull));
        assert_eq!(batch.len(), 50);
        assert_eq!(batch.tasks()[49].name, "t49");
        assert_eq!(batch.duplicate(0), Err(BatchFull));
        assert!(BatchFull.to_string().contains("50"));
    }

    #[test]
    fn from_tasks_refuses_more_than_the_cap() {
        let tasks = vec![named("x"); 51];
        assert_eq!(Batch::from_tasks(tasks, None), Err(BatchFull));
    }

    #[test]
    fn edit_operations_keep_order() {
        let mut batch = Batch::default();
        for name in ["a", "b", "c"] {
            batch.add(named(name)).unwrap();
        }
        assert_eq!(batch.move_up(2), Some(1));
        assert_eq!(names(&batch), ["a", "c", "b"]);
        assert_eq!(batch.move_down(0), Some(1));
        assert_eq!(names(&batch), ["c", "a", "b"]);
        assert_eq!(batch.move_up(0), None);
        assert_eq!(batch.move_down(2), None);
        assert_eq!(batch.duplicate(1), Ok(Some(2)));
        assert_eq!(names(&batch), ["c", "a", "a", "b"]);
        assert_eq!(
            batch.replace(0, named("z")).map(|t| t.name),
            Some("c".into())
        );
        assert_eq!(batch.remove(3).map(|t| t.name), Some("b".into()));
        assert_eq!(names(&batch), ["z", "a", "a"]);
        assert_eq!(batch.remove(9), None);
        assert_eq!(batch.free_slots(), 47);
    }
}
